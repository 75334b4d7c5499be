package jgrad.core;

import static jgrad.core.TensorTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * float32: values are rounded to float after every operation, operations keep the dtype, mixing
 * dtypes is refused, and results match the float64 path within a relative 1e-4 (STYLE section 7:
 * float32 paths are compared, not differentiated).
 */
class Float32Test {

    private static final double RTOL = 1e-4;
    /** For results near 0, where a relative bound alone means nothing. */
    private static final double ATOL = 1e-6;

    private static final Tensor X64 =
            Tensor.uniform(Shape.of(3, 4), -3, 3, new SplittableRandom(3));
    private static final Tensor X32 = X64.cast(DType.FLOAT32);

    private static void assertAllFloats(Tensor tensor) {
        assertEquals(DType.FLOAT32, tensor.dtype());
        for (double value : tensor.toArray()) {
            assertEquals((double) (float) value, value, 0.0, "not a float: " + value);
        }
    }

    @Test
    void valuesRoundToTheNearestFloat() {
        assertEquals((double) 0.1f, Tensor.scalar(0.1, DType.FLOAT32).item());
        assertEquals((double) 0.1f,
                Tensor.of(new double[] {0.1}, Shape.of(1), DType.FLOAT32).item());
        assertEquals((double) 0.1f, Tensor.full(0.1, Shape.of(2), DType.FLOAT32).get(1));
        assertAllFloats(X32);
        // 1 + 2^-30 is not a float: it rounds back to 1
        assertEquals(1.0, Tensor.scalar(1, DType.FLOAT32).add(Math.pow(2, -30)).item());
    }

    @Test
    void operationsOnFloat32StayFloat32() {
        Tensor square = Tensor.uniform(Shape.of(4, 4), -1, 1, new SplittableRandom(5))
                .cast(DType.FLOAT32);
        List<Tensor> results = List.of(X32.add(X32), X32.mul(2.0), X32.div(3.0), X32.exp(),
                X32.tanh(), X32.sigmoid(), X32.relu(), X32.abs(), X32.softplus(), X32.pow(2.0),
                X32.abs().sqrt(), X32.abs().log1p(), X32.sum(1, false), X32.mean(),
                X32.max(0, true),
                X32.softmax(1), X32.logSoftmax(0), X32.logSumExp(1, false), X32.norm(),
                X32.transpose(), X32.reshape(-1), X32.matmul(square),
                X32.less(0.0), Tensor.where(X32.greater(0.0), X32, X32.neg()),
                Autodiff.grad(t -> t.tanh().sum(), X32));
        results.forEach(Float32Test::assertAllFloats);
    }

    @Test
    void mixingDtypesIsRefusedAndCastIsExplicit() {
        assertRejected(() -> X32.add(X64), "add", "float32", "float64", "cast");
        assertRejected(() -> X64.mul(X32), "mul", "float64", "float32");
        assertRejected(() -> X32.pow(X64), "pow", "dtypes differ");
        // The branches must agree; a mask of 0 and 1 is cast, since that is exact in any dtype.
        assertRejected(() -> Tensor.where(X32.greater(0.0), X32, X64), "where", "dtypes differ");
        assertEquals((double) 0.1f, Tensor.of(0.1).cast(DType.FLOAT32).cast(DType.FLOAT64).item());
    }

    @Test
    void float32ResultsMatchFloat64WithinRelativeOneEMinusFour() {
        Tensor w64 = Tensor.uniform(Shape.of(4, 2), -1, 1, new SplittableRandom(9));
        Tensor w32 = w64.cast(DType.FLOAT32);
        List<Function<Tensor, Tensor>> functions = List.of(
                t -> t.exp().sum(1, true).log(),
                t -> t.softmax(1),
                t -> t.logSoftmax(0),
                t -> t.tanh().mul(t.sigmoid()).add(t.softplus()),
                t -> t.square().mean(0, false).sqrt(),
                Tensor::norm,
                t -> t.matmul(t.dtype() == DType.FLOAT32 ? w32 : w64).relu(),
                t -> t.abs().add(0.5).pow(1.5).recip());
        for (Function<Tensor, Tensor> f : functions) {
            Tensor single = f.apply(X32);
            Tensor reference = f.apply(X64);
            assertEquals(DType.FLOAT32, single.dtype());
            assertTrue(single.cast(DType.FLOAT64).allClose(reference, RTOL, ATOL),
                    single + " vs " + reference);
        }
    }

    @Test
    void float32GradientsMatchFloat64GradientsWithinRelativeOneEMinusFour() {
        Function<Tensor, Tensor> f = t -> t.softmax(1).mul(t).sum().add(t.tanh().square().sum());
        Tensor single = Autodiff.grad(f, X32);
        Tensor reference = Autodiff.grad(f, X64);
        assertEquals(DType.FLOAT32, single.dtype());
        assertTrue(single.cast(DType.FLOAT64).allClose(reference, RTOL, ATOL),
                single + " vs " + reference);
    }

    /** The Cast rule casts the cotangent back: the gradient has the input's dtype. */
    @Test
    void gradientThroughACastHasTheInputsDtype() {
        Tensor grad = Autodiff.grad(t -> t.cast(DType.FLOAT64).square().sum(), X32);
        assertEquals(DType.FLOAT32, grad.dtype());
        assertTrue(grad.cast(DType.FLOAT64).allClose(X32.cast(DType.FLOAT64).mul(2.0), 0, 0));
    }
}
