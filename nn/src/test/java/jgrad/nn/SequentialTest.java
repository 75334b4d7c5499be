package jgrad.nn;

import static jgrad.nn.LinearTest.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jgrad.core.Params;
import jgrad.core.Tensor;
import jgrad.nn.init.Init;
import org.junit.jupiter.api.Test;

class SequentialTest {

    @Test
    void paramsArePrefixedWithTheLayerIndexAsInPyTorch() {
        Sequential model = Mlp.init(new SplittableRandom(0), Activation.RELU, 64, 32, 10);
        assertEquals("[0.weight, 0.bias, 2.weight, 2.bias]", model.params().paths().toString());
        assertEquals("[32, 64]", model.params().get("0.weight").shape().toString());
        assertEquals("[10, 32]", model.params().get("2.weight").shape().toString());
        assertEquals(3, model.layers().size());
        assertSame(Activation.RELU, model.layers().get(1));
    }

    @Test
    void applyComposesTheLayersInOrder() {
        Linear first = new Linear(Tensor.of(new double[][] {{1, -1}}), Tensor.of(0.0));
        Linear second = new Linear(Tensor.of(new double[][] {{2}, {-3}}), Tensor.of(1, 1));
        Sequential model = Sequential.of(first, Activation.RELU, second);
        // x = [[3, 1], [1, 3]]: first -> [[2], [-2]], relu -> [[2], [0]],
        // second -> [[2*2 + 1, -3*2 + 1], [1, 1]] = [[5, -5], [1, 1]].
        Tensor x = Tensor.of(new double[][] {{3, 1}, {1, 3}});
        assertAllClose(Tensor.of(new double[][] {{5, -5}, {1, 1}}), model.apply(x));
    }

    @Test
    void withParamsRoundTripsAndLeavesTheOldModelUnchanged() {
        Sequential model = Mlp.init(new SplittableRandom(3), Activation.TANH, 3, 4, 2);
        Params before = model.params();
        Params zeros = before.zerosLike();
        Sequential zeroed = model.withParams(zeros);
        assertNotSame(model, zeroed);
        assertTrue(zeroed.params().allClose(zeros, 0, 0));
        assertTrue(model.params().allClose(before, 0, 0));
        assertFalse(model.params().allClose(zeros, 0, 0));
        assertAllClose(Tensor.zeros(5, 2), zeroed.apply(Tensor.ones(5, 3)));
        assertTrue(model.withParams(before).params().allClose(before, 0, 0));
    }

    @Test
    void withParamsRejectsMissingAndUnexpectedPaths() {
        Sequential model = Mlp.init(new SplittableRandom(3), 3, 4, 2);
        Params params = model.params();
        Params shifted = Params.of("1.weight", params.get("0.weight"), "0.bias",
                params.get("0.bias"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.withParams(shifted));
        assertTrue(e.getMessage().startsWith("sequential.withParams: paths"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected [1.weight]"), e.getMessage());
    }

    @Test
    void withParamsRejectsAWrongShapeNamingThePath() {
        Sequential model = Mlp.init(new SplittableRandom(3), 3, 4, 2);
        Params wrong = model.params().map(t -> t.shape().toString().equals("[2]")
                ? Tensor.zeros(3) : t);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.withParams(wrong));
        assertEquals("sequential.withParams: 2.bias has shape [3], expected [2]", e.getMessage());
    }

    @Test
    void activationsHaveNoParamsAndRejectSome() {
        for (Activation activation : Activation.values()) {
            assertEquals(0, activation.params().size());
            assertSame(activation, activation.withParams(Params.of()));
            assertThrows(IllegalArgumentException.class,
                    () -> activation.withParams(Params.of("weight", Tensor.zeros(1))));
        }
        // relu'(0) = 0 and relu(0) = 0 (C02 iv convention), sigmoid(0) = 0.5, tanh(0) = 0.
        assertAllClose(Tensor.of(0, 0, 3), Activation.RELU.apply(Tensor.of(-2, 0, 3)));
        assertAllClose(Tensor.of(0.5), Activation.SIGMOID.apply(Tensor.of(0.0)));
        assertAllClose(Tensor.of(0.0), Activation.TANH.apply(Tensor.of(0.0)));
    }

    @Test
    void equalSeedsGiveEqualParamsAndDifferentSeedsDifferent() {
        Params a = Mlp.init(new SplittableRandom(42), Activation.RELU, 4, 16, 3).params();
        Params b = Mlp.init(new SplittableRandom(42), Activation.RELU, 4, 16, 3).params();
        Params c = Mlp.init(new SplittableRandom(43), Activation.RELU, 4, 16, 3).params();
        assertTrue(a.allClose(b, 0, 0));
        assertFalse(a.allClose(c, 0, 0));
    }

    @Test
    void mlpUsesHeForReluAndGlorotForTanhAndSigmoid() {
        assertTrue(Mlp.init(new SplittableRandom(5), Activation.RELU, 4, 8, 3).params()
                .allClose(handBuilt(5, Activation.RELU, Init.HE_NORMAL), 0, 0));
        for (Activation activation : new Activation[] {Activation.TANH, Activation.SIGMOID}) {
            assertTrue(Mlp.init(new SplittableRandom(5), activation, 4, 8, 3).params()
                    .allClose(handBuilt(5, activation, Init.GLOROT_UNIFORM), 0, 0));
        }
        assertTrue(Mlp.init(new SplittableRandom(5), 4, 8, 3).params()
                .allClose(handBuilt(5, Activation.RELU, Init.HE_NORMAL), 0, 0));
    }

    @Test
    void mlpRejectsTooFewOrNonPositiveSizes() {
        assertThrows(IllegalArgumentException.class, () -> Mlp.init(new SplittableRandom(0), 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mlp.init(new SplittableRandom(0), 4, 0, 3));
        assertEquals("mlp: sizes must be positive, got [4, 0, 3]", e.getMessage());
    }

    @Test
    void toStringListsTheLayersWithTheirIndex() {
        Sequential model = Mlp.init(new SplittableRandom(0), Activation.TANH, 4, 16, 3);
        assertEquals("Sequential(\n  (0): Linear[in=4, out=16, dtype=float64]\n  (1): Tanh\n"
                + "  (2): Linear[in=16, out=3, dtype=float64]\n)", model.toString());
    }

    @Test
    void anEmptySequenceIsTheIdentity() {
        Tensor x = Tensor.of(1, 2);
        assertSame(x, Sequential.of().apply(x));
        assertEquals(0, Sequential.of().params().size());
    }

    private static Params handBuilt(long seed, Activation activation, Init init) {
        SplittableRandom rng = new SplittableRandom(seed);
        return Sequential.of(Linear.init(rng, 4, 8, init), activation,
                Linear.init(rng, 8, 3, init)).params();
    }
}
