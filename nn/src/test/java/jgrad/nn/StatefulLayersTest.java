package jgrad.nn;

import static jgrad.nn.LayerFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jgrad.core.DType;
import jgrad.core.Params;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** How state (batch normalisation's running statistics) goes through layers and containers. */
class StatefulLayersTest {

    private static final Mode TRAINING = Mode.training(new SplittableRandom(0));

    private static Sequential model() {
        SplittableRandom rng = new SplittableRandom(1);
        return Sequential.of(Linear.init(rng, 3, 4), BatchNorm1d.init(4), Activation.RELU,
                new Dropout(0.2), Residual.of(Sequential.of(Linear.init(rng, 4, 4),
                        BatchNorm1d.init(4))), Linear.init(rng, 4, 2));
    }

    @Test
    void sequentialAndResidualGatherStatesUnderTheParameterPrefixes() {
        Sequential model = model();
        assertEquals("[1.running_mean, 1.running_var, 4.body.1.running_mean,"
                + " 4.body.1.running_var]", model.state().paths().toString());
        assertEquals("[0.weight, 0.bias, 1.weight, 1.bias, 4.body.0.weight, 4.body.0.bias,"
                + " 4.body.1.weight, 4.body.1.bias, 5.weight, 5.bias]",
                model.params().paths().toString());
        assertEquals(0, Mlp.init(new SplittableRandom(0), 2, 3).state().size());
    }

    @Test
    void forwardInTrainingReturnsNewStateAndLeavesTheModelUnchanged() {
        Sequential model = model();
        Params before = model.state();
        Tensor x = TestTensors.uniform(new SplittableRandom(2), -3, 3, 8, 3);
        Forward out = model.forward(x, TRAINING);
        assertEquals(before.paths(), out.state().paths());
        assertFalse(out.state().allClose(before, 1e-3, 1e-3));
        assertTrue(model.state().allClose(before, 0, 0), "the model is a value");
        Sequential updated = model.withState(out.state());
        assertTrue(updated.state().allClose(out.state(), 0, 0));
        assertTrue(updated.params().allClose(model.params(), 0, 0));
        // The nested block got its part of the state.
        Residual block = (Residual) updated.layers().get(4);
        BatchNorm1d nested = (BatchNorm1d) ((Sequential) block.body()).layers().get(1);
        assertClose(out.state().get("4.body.1.running_mean"), nested.runningMean(), "nested");
        assertFalse(out.state().get("1.running_mean").isTraced());
    }

    @Test
    void forwardInEvaluationIsApplyAndKeepsTheState() {
        Sequential model = model();
        Tensor x = TestTensors.uniform(new SplittableRandom(3), -3, 3, 5, 3);
        Forward out = model.forward(x, Mode.EVALUATION);
        assertClose(model.apply(x), out.output(), "output", 0, 0);
        assertTrue(out.state().allClose(model.state(), 0, 0));
    }

    @Test
    void repeatedTrainingStepsMoveTheRunningStatisticsTowardsTheBatchStatistics() {
        // With the same batch every step: running mean after k steps = (1 - 0.9^k) · mean.
        BatchNorm1d norm = BatchNorm1d.init(2);
        Tensor x = Tensor.of(new double[][] {{1, 10}, {3, 20}, {5, 30}});
        for (int step = 0; step < 30; step++) {
            norm = norm.withState(norm.forward(x, TRAINING).state());
        }
        double factor = 1 - Math.pow(0.9, 30);
        assertClose(Tensor.of(3 * factor, 20 * factor), norm.runningMean(), "mean", 1e-12, 0);
        // unbiased variances 4 and 100: running = 0.9^30 · 1 + (1 - 0.9^30) · var
        assertClose(Tensor.of(Math.pow(0.9, 30) + 4 * factor, Math.pow(0.9, 30) + 100 * factor),
                norm.runningVar(), "var", 1e-12, 0);
    }

    @Test
    void withStateRejectsOtherPathsAndShapesNamingThem() {
        BatchNorm1d norm = BatchNorm1d.init(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> norm.withState(Params.of("running_mean", Tensor.zeros(3),
                        "running_var", Tensor.ones(4))));
        assertEquals("batchNorm1d.withState: running_var has shape [4], expected [3]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> model().withState(Params.of("1.running_mean", Tensor.zeros(4))));
        assertTrue(e.getMessage().startsWith("sequential.withState: paths"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Linear(Tensor.ones(2, 2), Tensor.ones(2))
                        .withState(Params.of("running_mean", Tensor.zeros(2))));
        assertTrue(e.getMessage().contains("withState: paths [] expected"), e.getMessage());
        Linear linear = new Linear(Tensor.ones(2, 2), Tensor.ones(2));
        assertSame(linear, linear.withState(Params.of()));
    }

    @Test
    void batchNormRejectsInputsOfTheWrongShapeNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNorm1d.init(3).apply(Tensor.zeros(2, 4)));
        assertEquals("batchNorm1d: x [batch, 3] or [batch, 3, length] expected, got shape"
                + " [2, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BatchNorm2d.init(3).forward(Tensor.zeros(2, 3, 4), TRAINING));
        assertEquals("batchNorm2d: x [batch, 3, height, width] expected, got shape [2, 3, 4]",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BatchNorm1d.init(2, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> BatchNorm1d.init(2, 1e-5, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(Tensor.ones(2),
                Tensor.zeros(3), Tensor.zeros(2), Tensor.ones(2), 1e-5, 0.1));
    }

    @Test
    void batchNormInFloat32KeepsItsStatisticsInFloat32() {
        BatchNorm2d norm = BatchNorm2d.init(2);
        // Casting the parameters casts the running statistics with them.
        norm = norm.withParams(norm.params().map(t -> t.cast(DType.FLOAT32)));
        assertEquals(DType.FLOAT32, norm.runningMean().dtype());
        BatchNorm2d float32 = norm;
        assertThrows(IllegalArgumentException.class, () -> float32.withState(
                BatchNorm2d.init(2).state()));
        Tensor x = TestTensors.uniform(new SplittableRandom(4), -3, 3, 2, 2, 3, 3);
        Forward out = norm.forward(x.cast(DType.FLOAT32), TRAINING);
        assertEquals(DType.FLOAT32, out.output().dtype());
        assertEquals(DType.FLOAT32, out.state().get("running_var").dtype());
        Forward reference = BatchNorm2d.init(2).forward(x, TRAINING);
        assertClose(reference.output(), out.output().cast(DType.FLOAT64), "float32",
                1e-5, 1e-5);
    }

    @Test
    void layerAndGroupNormRejectInputsOfTheWrongShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerNorm.init(2, 3).apply(Tensor.zeros(4, 3, 2)));
        assertEquals("layerNorm: x [..., [2, 3]] expected (normalizedShape [2, 3]), got shape"
                + " [4, 3, 2]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GroupNorm.init(4, 6));
        assertEquals("groupNorm: numGroups 4 must be positive and divide the 6 channels",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GroupNorm.init(2, 6).apply(Tensor.zeros(2, 4, 3)));
        assertEquals("groupNorm: x [batch, 6, *] expected, got shape [2, 4, 3]", e.getMessage());
    }
}
