package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aRealOverflowStillThrows() {
        AnomalyException e = assertThrows(AnomalyException.class, () -> Autodiff.detectAnomaly(
                () -> Autodiff.grad(t -> t.exp().sum(), Tensor.of(1000))));
        assertTrue(e.getMessage().contains("exp produced an infinity"), e.getMessage());
    }
}
