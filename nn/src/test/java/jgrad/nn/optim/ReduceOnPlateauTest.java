package jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jgrad.core.Params;
import jgrad.core.Tensor;
import jgrad.nn.optim.ReduceOnPlateau.Mode;
import jgrad.nn.optim.ReduceOnPlateau.ThresholdMode;
import org.junit.jupiter.api.Test;

class ReduceOnPlateauTest {

    private static final Params W = Params.of("w", Tensor.scalar(0));
    private static final Params ONE = Params.of("w", Tensor.scalar(1));

    @Test
    void theScaleFollowsPyTorchsReduceLrOnPlateauForAMetricToMinimise() {
        // Fixture: ReduceLROnPlateau(mode='min', factor=0.5, patience=2, threshold=0.01,
        // cooldown=1) with lr = 1, so its learning rate is the scale.
        assertFollowsFixture(new ReduceOnPlateau(Mode.MIN, 0.5, 2, 0.01, ThresholdMode.RELATIVE,
                1, 0), "plateau_metric_min_rel", "plateau_min_rel");
    }

    @Test
    void theScaleFollowsPyTorchsReduceLrOnPlateauForAMetricToMaximiseWithAFloor() {
        // Fixture: mode='max', factor=0.5, patience=1, threshold=0.005 absolute, min_lr=0.2.
        assertFollowsFixture(ReduceOnPlateau.of(0.5, 1).withMode(Mode.MAX)
                .withThreshold(0.005, ThresholdMode.ABSOLUTE).withMinScale(0.2),
                "plateau_metric_max_abs", "plateau_max_abs");
    }

    /** Drives the transformation through a chain as a training loop would, once per epoch. */
    private static void assertFollowsFixture(ReduceOnPlateau rule, String metrics,
            String scales) {
        double[] metric = Fixtures.schedules().get(metrics);
        double[] want = Fixtures.schedules().get(scales);
        GradientTransformation<ChainState> optimizer = Optimizers.chain(Optimizers.sgd(1.0),
                Optimizers.reduceOnPlateau(rule));
        ChainState state = optimizer.init(W);
        for (int epoch = 0; epoch < metric.length; epoch++) {
            state = optimizer.observe(state, metric[epoch]);
            PlateauState plateau = (PlateauState) state.states().get(1);
            assertEquals(want[epoch], plateau.scale(), 0.0, "after epoch " + epoch);
            // The next update is scaled: sgd(1.0) of gradient 1 is -1, times the scale.
            Update<ChainState> update = optimizer.update(ONE, state, W);
            assertEquals(-want[epoch], update.updates().get("w").item(), 0.0);
            assertSame(plateau, ((ChainState) update.state()).states().get(1),
                    "update must not change the plateau state");
        }
    }

    @Test
    void aNaNMetricCountsAsNoImprovement() {
        ReduceOnPlateau rule = ReduceOnPlateau.of(0.1, 0);
        PlateauState state = rule.observe(rule.initialState(), 1.0);
        state = rule.observe(state, Double.NaN);
        assertEquals(0.1, state.scale(), 1e-15);
        assertEquals(1.0, state.best());
    }

    @Test
    void observeReachesAPlateauInsideNestedChainsAndMasks() {
        GradientTransformation<ChainState> optimizer = Optimizers.chain(
                Optimizers.clipByGlobalNorm(10), Optimizers.masked(Optimizers.chain(
                        Optimizers.sgd(1.0), Optimizers.reduceOnPlateau(ReduceOnPlateau.of(0.5,
                                0))), path -> path.equals("w")));
        Params params = Params.of("w", Tensor.scalar(0), "b", Tensor.scalar(0));
        Params grads = Params.of("w", Tensor.scalar(1), "b", Tensor.scalar(1));
        ChainState state = optimizer.init(params);
        state = optimizer.observe(state, 1.0);
        state = optimizer.observe(state, 2.0);
        Params updates = optimizer.update(grads, state, params).updates();
        assertEquals(-0.5, updates.get("w").item(), 0.0);
        assertEquals(1.0, updates.get("b").item(), 0.0, "masked out: passed through");
        // Optimisers without a plateau ignore observe.
        GradientTransformation<ChainState> adam = Optimizers.adam(0.1);
        ChainState adamState = adam.init(params);
        assertEquals(adamState, adam.observe(adamState, 1.0));
    }

    @Test
    void badRulesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReduceOnPlateau.of(1.0, 3));
        assertEquals("reduceOnPlateau: factor must be in (0, 1), got 1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReduceOnPlateau.of(0.5, -1));
        assertThrows(IllegalArgumentException.class,
                () -> ReduceOnPlateau.defaults().withMinScale(2));
        assertEquals(new ReduceOnPlateau(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.RELATIVE, 0, 0),
                ReduceOnPlateau.defaults());
    }
}
