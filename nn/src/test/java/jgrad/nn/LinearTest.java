package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jgrad.core.Autodiff;
import jgrad.core.Params;
import jgrad.core.Tensor;
import jgrad.nn.init.Init;
import org.junit.jupiter.api.Test;

class LinearTest {

    private static final double TOLERANCE = 1e-12;

    // W = [[1, 2], [3, 4]], b = [0.5, -1], x = [[1, 1], [2, -1]].
    private final Linear layer = new Linear(Tensor.of(new double[][] {{1, 2}, {3, 4}}),
            Tensor.of(0.5, -1));
    private final Tensor x = Tensor.of(new double[][] {{1, 1}, {2, -1}});

    @Test
    void applyComputesXTimesWeightTransposedPlusBias() {
        // Row 1: [1*1 + 1*2, 1*3 + 1*4] + b = [3.5, 6]; row 2: [2 - 2, 6 - 4] + b = [0.5, 1].
        Tensor expected = Tensor.of(new double[][] {{3.5, 6}, {0.5, 1}});
        assertAllClose(expected, layer.apply(x));
    }

    @Test
    void gradientOfSummedOutputIsHandDerived() {
        // L = sum(x W^T + b): dL/dW[o, i] = sum_batch x[b, i] = [3, 0] in every row,
        // dL/db[o] = batch = 2, dL/dx[b, i] = sum_o W[o, i] = [4, 6] in every row.
        Params grads = Autodiff.grad(p -> layer.withParams(p).apply(x).sum(), layer.params());
        assertAllClose(Tensor.of(new double[][] {{3, 0}, {3, 0}}), grads.get("weight"));
        assertAllClose(Tensor.of(2, 2), grads.get("bias"));
        assertAllClose(Tensor.of(new double[][] {{4, 6}, {4, 6}}),
                Autodiff.grad(t -> layer.apply(t).sum(), x));
    }

    @Test
    void paramsFollowPyTorchNamesAndLayout() {
        Linear init = Linear.init(new SplittableRandom(1), 4, 3, Init.GLOROT_UNIFORM);
        assertEquals("[weight, bias]", init.params().paths().toString());
        assertEquals("[3, 4]", init.weight().shape().toString());
        assertEquals(4, init.inFeatures());
        assertEquals(3, init.outFeatures());
        assertAllClose(Tensor.zeros(3), init.bias());
        assertEquals("Linear[in=4, out=3, dtype=float64]", init.toString());
    }

    @Test
    void withParamsReturnsANewLayerAndLeavesTheOldOneUnchanged() {
        Params doubled = layer.params().scale(2);
        Linear updated = layer.withParams(doubled);
        assertNotSame(layer, updated);
        assertSame(doubled.get("weight"), updated.weight());
        assertAllClose(Tensor.of(new double[][] {{1, 2}, {3, 4}}), layer.weight());
        assertAllClose(Tensor.of(0.5, -1), layer.bias());
    }

    @Test
    void withParamsRejectsWrongPathsNamingThem() {
        Params renamed = Params.of("weights", layer.weight(), "bias", layer.bias());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.withParams(renamed));
        assertTrue(e.getMessage().contains("missing [weight]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected [weights]"), e.getMessage());
    }

    @Test
    void withParamsRejectsWrongShapesNamingPathAndBothShapes() {
        Params transposed = Params.of("weight", Tensor.zeros(2, 3), "bias", layer.bias());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.withParams(transposed));
        assertEquals("linear.withParams: weight has shape [2, 3], expected [2, 2]",
                e.getMessage());
    }

    @Test
    void applyRejectsInputOfWrongWidthNamingBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.apply(Tensor.zeros(5, 3)));
        assertEquals("linear: x [batch, 2] expected for weight [2, 2], got shape [5, 3]",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layer.apply(Tensor.zeros(2)));
    }

    @Test
    void constructorRejectsMismatchedBias() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Linear(Tensor.zeros(3, 2), Tensor.zeros(2)));
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Linear(Tensor.zeros(3), Tensor.zeros(3)));
        assertThrows(IllegalArgumentException.class,
                () -> Linear.init(new SplittableRandom(0), 0, 3, Init.HE_NORMAL));
    }

    @Test
    void applyOnAnEmptyBatchGivesAnEmptyOutput() {
        assertEquals("[0, 2]", layer.apply(Tensor.zeros(0, 2)).shape().toString());
    }

    static void assertAllClose(Tensor expected, Tensor actual) {
        assertTrue(actual.allClose(expected, TOLERANCE, TOLERANCE),
                () -> "expected " + expected + " but got " + actual);
    }
}
