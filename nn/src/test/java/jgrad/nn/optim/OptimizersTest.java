package jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import jgrad.core.Autodiff;
import jgrad.core.Params;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class OptimizersTest {

    /** Runs {@code optimizer} from {@code w0} with the given gradients; returns w after each. */
    private static <S> double[] run(GradientTransformation<S> optimizer, double w0,
            double... grads) {
        Params params = Params.of("w", Tensor.scalar(w0));
        S state = optimizer.init(params);
        double[] trajectory = new double[grads.length];
        for (int i = 0; i < grads.length; i++) {
            Update<S> update = optimizer.update(Params.of("w", Tensor.scalar(grads[i])), state,
                    params);
            params = params.plus(update.updates());
            state = update.state();
            trajectory[i] = params.get("w").item();
        }
        return trajectory;
    }

    @Test
    void adamAppliesBiasCorrectionCountingStepsFromOne() {
        // C19: w0 = 1, lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8, gradients 0.5 then -1.
        // Step 1: m = 0.05, v = 0.00025, m^ = 0.5, v^ = 0.25, w1 = 1 - 0.1 * 0.5 / (0.5 + 1e-8).
        double[] w = run(Optimizers.adam(0.1, 0.9, 0.999, 1e-8), 1.0, 0.5, -1.0);
        assertEquals(0.900000002, w[0], 1e-12);
        assertEquals(0.9366103542405654, w[1], 1e-12);
        // Without bias correction: 0.6837724339830356, then 0.8393514405183142.
        assertTrue(Math.abs(w[0] - 0.6837724339830356) > 0.1);
        assertTrue(Math.abs(w[1] - 0.8393514405183142) > 0.05);
        double[] defaults = run(Optimizers.adam(0.1), 1.0, 0.5, -1.0);
        assertEquals(w[0], defaults[0], 0);
        assertEquals(w[1], defaults[1], 0);
    }

    @Test
    void adamStateCountsUpdatesAndKeepsUncorrectedMoments() {
        GradientTransformation<ChainState> adam = Optimizers.adam(0.1);
        Params params = Params.of("w", Tensor.scalar(1));
        Update<ChainState> update = adam.update(Params.of("w", Tensor.scalar(0.5)),
                adam.init(params), params);
        AdamState state = (AdamState) update.state().states().get(0);
        assertEquals(1, state.count());
        assertEquals(0.05, state.mu().get("w").item(), 1e-15);
        assertEquals(0.00025, state.nu().get("w").item(), 1e-15);
        assertEquals(new EmptyState(), update.state().states().get(1));
    }

    @Test
    void sgdStepsAgainstTheGradient() {
        // w = [1, 2], g = [0.5, -1], lr = 0.1: w - 0.1 g = [0.95, 2.1].
        Params params = Params.of("w", Tensor.of(1, 2));
        GradientTransformation<EmptyState> sgd = Optimizers.sgd(0.1);
        Update<EmptyState> update = sgd.update(Params.of("w", Tensor.of(0.5, -1)),
                sgd.init(params), params);
        assertTrue(params.plus(update.updates()).get("w").allClose(Tensor.of(0.95, 2.1),
                1e-12, 1e-12));
    }

    @Test
    void sgdMomentumFollowsPyTorchsFormulation() {
        // v1 = g1 = 1, w1 = 1 - 0.1 = 0.9; v2 = 0.9 * 1 + 1 = 1.9, w2 = 0.9 - 0.19 = 0.71;
        // v3 = 0.9 * 1.9 - 2 = -0.29, w3 = 0.71 + 0.029 = 0.739.
        double[] w = run(Optimizers.sgd(0.1, 0.9), 1.0, 1, 1, -2);
        assertEquals(0.9, w[0], 1e-12);
        assertEquals(0.71, w[1], 1e-12);
        assertEquals(0.739, w[2], 1e-12);
    }

    @Test
    void momentumStateIsTheVelocity() {
        GradientTransformation<MomentumState> momentum = Optimizers.accumulateMomentum(0.5);
        Params params = Params.of("w", Tensor.scalar(0));
        MomentumState state = momentum.init(params);
        assertEquals(0.0, state.velocity().get("w").item());
        for (double g : new double[] {2, 2}) {
            state = momentum.update(Params.of("w", Tensor.scalar(g)), state, params).state();
        }
        assertEquals(3.0, state.velocity().get("w").item(), 1e-15); // 0.5 * 2 + 2
    }

    @Test
    void updateIsPureSameInputsGiveSameOutputsAndNoGraph() {
        GradientTransformation<ChainState> adam = Optimizers.adam(0.01);
        Params params = Params.of("w", Tensor.of(1, -1));
        ChainState state = adam.init(params);
        Params grads = Autodiff.grad(p -> p.get("w").square().sum(), params);
        Update<ChainState> first = adam.update(grads, state, params);
        Update<ChainState> second = adam.update(grads, state, params);
        assertTrue(first.updates().allClose(second.updates(), 0, 0));
        assertEquals(0, ((AdamState) state.states().get(0)).count());
        assertFalse(first.updates().get("w").isTraced());
        assertFalse(params.plus(first.updates()).get("w").isTraced());
    }

    @Test
    void stepDecayScheduleHalvesEveryStepSizeUpdates() {
        Schedule schedule = Schedule.stepDecay(0.1, 0.5, 2);
        assertEquals(0.1, schedule.valueAt(0));
        assertEquals(0.1, schedule.valueAt(1));
        assertEquals(0.05, schedule.valueAt(2));
        assertEquals(0.025, schedule.valueAt(5));
        // sgd with it and gradient 1: 1 - 0.1 - 0.1 - 0.05 - 0.05 = 0.7.
        double[] w = run(Optimizers.sgd(schedule), 1.0, 1, 1, 1, 1);
        assertEquals(0.7, w[3], 1e-12);
        assertEquals(0.8, w[1], 1e-12);
    }

    @Test
    void constantScheduleMatchesAFixedLearningRate() {
        double[] fixed = run(Optimizers.adam(0.1), 1.0, 0.5, -1.0, 0.25);
        double[] scheduled = run(Optimizers.adam(Schedule.constant(0.1)), 1.0, 0.5, -1.0, 0.25);
        for (int i = 0; i < fixed.length; i++) {
            assertEquals(fixed[i], scheduled[i], 1e-15);
        }
        assertEquals(run(Optimizers.sgd(0.1), 1, 3, 4)[1],
                run(Optimizers.sgd(Schedule.constant(0.1)), 1, 3, 4)[1], 1e-15);
    }

    @Test
    void adamMinimisesAQuadratic() {
        // f(w) = sum((w - c)^2) with c = [3, -2]: Adam with lr 0.1 reaches c within 1e-3.
        Tensor c = Tensor.of(3, -2);
        GradientTransformation<ChainState> adam = Optimizers.adam(0.1);
        Params params = Params.of("w", Tensor.zeros(2));
        ChainState state = adam.init(params);
        for (int step = 0; step < 500; step++) {
            Params grads = Autodiff.grad(p -> p.get("w").sub(c).square().sum(), params);
            Update<ChainState> update = adam.update(grads, state, params);
            params = params.plus(update.updates());
            state = update.state();
        }
        assertTrue(params.get("w").allClose(c, 0, 1e-3), params.get("w").toString());
    }

    @Test
    void chainRejectsAStateOfTheWrongLength() {
        GradientTransformation<ChainState> adam = Optimizers.adam(0.1);
        Params params = Params.of("w", Tensor.scalar(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adam.update(params, new ChainState(ImmutableList.of()), params));
        assertEquals("chain: state holds 0 states for 2 transformations", e.getMessage());
    }

    @Test
    void aScheduleThatGivesNaNOrANegativeRateFailsTheUpdateThatUsesIt() {
        Schedule nanAfterTwo = step -> step < 2 ? 0.1 : Double.NaN;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(Optimizers.sgd(nanAfterTwo), 1.0, 1, 1, 1));
        assertEquals("sgd: the learning-rate schedule gave NaN at step 2", e.getMessage());
        assertEquals(0.8, run(Optimizers.sgd(nanAfterTwo), 1.0, 1, 1)[1], 1e-12);
        e = assertThrows(IllegalStateException.class,
                () -> run(Optimizers.adam(step -> -0.1), 1.0, 1));
        assertEquals("adam: the learning-rate schedule gave -0.1 at step 0", e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> run(Optimizers.scaleBySchedule(step -> Double.POSITIVE_INFINITY), 1.0, 1));
        assertEquals("scaleBySchedule: the schedule gave Infinity at step 0", e.getMessage());
    }

    @Test
    void weightDecayAddsTheScaledWeightsBeforeTheStep() {
        // PyTorch SGD(weight_decay=0.1, lr=0.1): d = g + 0.1 w; w -= 0.1 d.
        // w = 1, g = 0.5: 1 - 0.1 (0.5 + 0.1) = 0.94; then 0.94 - 0.1 (0.5 + 0.094) = 0.8806.
        double[] w = run(Optimizers.chain(Optimizers.addDecayedWeights(0.1),
                Optimizers.scale(-0.1)), 1.0, 0.5, 0.5);
        assertEquals(0.94, w[0], 1e-15);
        assertEquals(0.8806, w[1], 1e-15);
        // With zero gradients the weights shrink geometrically: (1 - 0.1 * 0.1)^3.
        assertEquals(Math.pow(0.99, 3), run(Optimizers.chain(Optimizers.addDecayedWeights(0.1),
                Optimizers.scale(-0.1)), 1.0, 0, 0, 0)[2], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Optimizers.addDecayedWeights(-1));
    }

    @Test
    void optimisersDescribeThemselves() {
        assertEquals("sgd(learningRate=0.1)", Optimizers.sgd(0.1).toString());
        assertEquals("sgd(learningRate=0.1, momentum=0.9)", Optimizers.sgd(0.1, 0.9).toString());
        assertEquals("adam(learningRate=0.001, b1=0.9, b2=0.999, eps=1.0E-8)",
                Optimizers.adam(0.001).toString());
        assertEquals("chain(accumulateMomentum(0.5), scale(-0.1))", Optimizers.chain(
                Optimizers.accumulateMomentum(0.5), Optimizers.scale(-0.1)).toString());
    }

    @Test
    void badHyperparametersAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.sgd(-0.1));
        assertEquals("sgd: learning rate must be positive and finite, got -0.1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.sgd(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.sgd(0.1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.adam(0));
        e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.adam(0.1, 1.0, 0.999, 1e-8));
        assertEquals("adam: betas not in [0, 1): 1.0, 0.999", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.adam(0.1, 0.9, 0.9, -1));
        assertThrows(IllegalArgumentException.class, () -> Schedule.stepDecay(0.1, 0, 1));
    }

    @Test
    void mismatchedGradientPathsAreRejected() {
        GradientTransformation<ChainState> adam = Optimizers.adam(0.1);
        Params params = Params.of("w", Tensor.scalar(1));
        assertThrows(IllegalArgumentException.class, () -> adam.update(
                Params.of("v", Tensor.scalar(1)), adam.init(params), params));
    }
}
