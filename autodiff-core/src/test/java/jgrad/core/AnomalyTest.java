package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Anomaly detection must not cry wolf: jgrad's own stable forms (softplus, sigmoid, log-softmax,
 * norm, pow at 0, the strong zeros of the backward pass) keep every intermediate finite when
 * their results are, so only a real overflow or NaN throws.
 */
class AnomalyTest {

    private static void assertQuiet(Function<Tensor, Tensor> f, Tensor x) {
        assertDoesNotThrow(() -> Autodiff.detectAnomaly(() -> Autodiff.valueAndGrad(
                t -> f.apply(t).sum(), x)));
    }

    @Test
    void stableFormsStayFiniteInEveryIntermediate() {
        Tensor extremes = Tensor.of(-1000, -1, 0, 1, 1000);
        assertQuiet(Tensor::softplus, extremes);
        assertQuiet(Tensor::sigmoid, extremes);
        assertQuiet(Tensor::tanh, extremes);
        assertQuiet(t -> t.logSoftmax(0), extremes);
        assertQuiet(t -> t.softmax(0), extremes);
        assertQuiet(t -> t.logSumExp(0, false), Tensor.of(1e8, 1e8));
        assertQuiet(t -> t.mul(0).norm(), Tensor.of(1, 2)); // the norm at the zero vector
        assertQuiet(t -> t.pow(2), Tensor.of(0, 3));       // d/da a^2 at 0
        assertQuiet(t -> Tensor.of(0, 2).pow(t), Tensor.of(2, 3)); // d/db 0^b
        assertQuiet(Tensor::relu, extremes);
        assertQuiet(Tensor::abs, extremes);
    }

    @Test
    void aStrongZeroCotangentThroughAnInfiniteDerivativeIsQuiet() {
        // where(x > 0, sqrt(x), 0) at 0: sqrt's derivative is infinite there, its cotangent 0.
        assertQuiet(t -> Tensor.where(t.greater(0), t.sqrt(), t.zerosLike()), Tensor.of(0, 4));
    }

    /**
     * User trial: {@code Sequential(Linear(4, 16), x -> x.relu().sqrt(), Linear(16, 3))} trains
     * without anomaly mode and threw inside it. sqrt's derivative is infinite at the zeros relu
     * made, and relu's vjp drops the cotangent exactly there: no gradient sees the infinity.
     */
    @Test
    void anInfinityThatALaterSelectionDropsIsQuiet() {
        SplittableRandom rng = new SplittableRandom(3);
        Tensor x = Tensor.randn(Shape.of(8, 4), DType.FLOAT64, rng);
        Tensor w1 = Tensor.randn(Shape.of(4, 16), DType.FLOAT64, rng);
        Tensor w2 = Tensor.randn(Shape.of(16, 3), DType.FLOAT64, rng);
        Function<Tensor, Tensor> loss = w -> x.matmul(w).relu().sqrt().matmul(w2).sum();
        assertTrue(x.matmul(w1).relu().equal(0.0).sum().item() > 0, "some units are off");
        Tensor plain = Autodiff.grad(loss, w1);
        Tensor checked = Autodiff.detectAnomaly(() -> Autodiff.grad(loss, w1));
        assertTrue(Kernels.allFinite(checked));
        assertArrayEquals(plain.toArray(), checked.toArray());
    }

    @Test
    void anInfinityThatReachesAGradientNamesTheOperationThatMadeIt() {
        // sqrt's infinite derivative at 0 passes through mul's vjp to the gradient.
        AnomalyException e = assertThrows(AnomalyException.class, () -> Autodiff.detectAnomaly(
                () -> Autodiff.grad(t -> t.mul(2).sqrt().sum(), Tensor.of(4, 0))));
        assertTrue(e.getMessage().startsWith("anomaly: the backward pass of sqrt produced an"
                + " infinity for its input 0 from finite values; it was created at"
                + " AnomalyTest.java:"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; it reached a gradient, [2] float64, at element"
                + " [1] (Infinity)"), e.getMessage());
    }

    @Test
    void nanMadeFromAnInfinityOfTheBackwardPassThrowsWhereItIsMade() {
        // sqrt(0 * t): mul's vjp multiplies sqrt's infinite cotangent by 0.
        AnomalyException e = assertThrows(AnomalyException.class, () -> Autodiff.detectAnomaly(
                () -> Autodiff.grad(t -> t.mul(Tensor.of(1, 0)).sqrt().sum(), Tensor.of(4, 1))));
        assertTrue(e.getMessage().startsWith("anomaly: the backward pass of mul produced NaN for"
                + " its input 0 from an infinite cotangent"), e.getMessage());
        assertTrue(e.getMessage().contains("; the infinity came from: anomaly: the backward pass"
                + " of sqrt produced an infinity"), e.getMessage());
        // Infinities of opposite signs summed for one tensor.
        AnomalyException sum = assertThrows(AnomalyException.class, () -> Autodiff.detectAnomaly(
                () -> Autodiff.grad(t -> t.sqrt().sub(t.sqrt()).sum(), Tensor.of(0))));
        assertTrue(sum.getMessage().startsWith("anomaly: the backward pass summed infinite"
                + " cotangents of opposite signs into NaN"), sum.getMessage());
        // Without anomaly mode the same functions just give their non-finite gradients.
        assertTrue(Double.isNaN(Autodiff.grad(t -> t.sqrt().sub(t.sqrt()).sum(), Tensor.of(0))
                .item()));
    }

    @Test
    void aRealOverflowStillThrows() {
        AnomalyException e = assertThrows(AnomalyException.class, () -> Autodiff.detectAnomaly(
                () -> Autodiff.grad(t -> t.exp().sum(), Tensor.of(1000))));
        assertTrue(e.getMessage().contains("exp produced an infinity"), e.getMessage());
    }
}
