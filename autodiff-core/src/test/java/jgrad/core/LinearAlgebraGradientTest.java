package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.check.jqwik.TensorArbitraries;
import jgrad.check.jqwik.TensorPair;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Gradients of the matrix product with respect to both operands, alone and in a small layer. */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class LinearAlgebraGradientTest {

    @Property
    @Covers(MatMul.class)
    void matmulVjpMatchesCentralDifference(@ForAll("operands") TensorPair pair) {
        GradCheck.assertVjpMatches(
                p -> p.get("a").matmul(p.get("b")), pair.params(), Tolerance.FLOAT64);
    }

    /** {@code a^T . a} uses {@code a} twice, through a {@link Permute}: contributions add up. */
    @Property
    @Covers({MatMul.class, Permute.class})
    void gramMatrixVjpMatchesCentralDifference(@ForAll("matrices") Tensor a) {
        GradCheck.assertVjpMatches(t -> t.transpose().matmul(t), a, Tolerance.FLOAT64);
    }

    /** A dense layer {@code tanh(x . w + bias)} with the bias broadcast over the rows. */
    @Property
    @Covers({MatMul.class, Add.class, Tanh.class})
    void denseLayerVjpMatchesCentralDifference(@ForAll("operands") TensorPair pair) {
        Tensor bias = Tensor.arange(pair.b().shape().dim(1)).mul(0.25);
        GradCheck.assertVjpMatches(p -> p.get("a").matmul(p.get("b")).add(bias).tanh(),
                pair.params(), Tolerance.FLOAT64);
    }

    /**
     * Every transpose combination of the primitive, with broadcast batch axes: the vjp reads the
     * operands transposed in place, one flagged product per input.
     */
    @Property
    @Covers(MatMul.class)
    void batchedTransposedMatmulVjpMatchesCentralDifference(@ForAll("flags") int flags,
            @ForAll("batched") Tensor a) {
        boolean transposeA = (flags & 1) != 0;
        boolean transposeB = (flags & 2) != 0;
        int m = a.shape().dim(transposeA ? -1 : -2);
        int k = a.shape().dim(transposeA ? -2 : -1);
        Tensor b = Tensor.arange(2 * k * 3).mul(0.1).sub(1)
                .reshape(transposeB ? new int[] {2, 1, 3, k} : new int[] {2, 1, k, 3});
        GradCheck.assertVjpMatches(p -> Tensor.apply(new MatMul(transposeA, transposeB),
                p.get("a"), p.get("b")).tanh(),
                Params.copyOf(com.google.common.collect.ImmutableMap.of("a", a, "b", b)),
                Tolerance.FLOAT64);
        assertTrue(m >= 1);
    }

    /** {@code x weight^T} for x of rank 1 to 3, against central differences in both inputs. */
    @Property
    void linearVjpMatchesCentralDifference(@ForAll("batched") Tensor x,
            @ForAll @IntRange(min = 0, max = 2) int dropAxes) {
        Tensor input = dropAxes == 0 ? x : dropAxes == 1 ? x.slice(0, 0, 1).squeeze(0)
                : x.slice(0, 0, 1).slice(1, 0, 1).reshape(x.shape().dim(-1));
        int in = x.shape().dim(-1);
        Tensor weight = Tensor.arange(4 * in).mul(0.1).sub(0.7).reshape(4, in);
        assertTrue(input.linear(weight).allClose(input.matmul(weight.transpose()), 1e-12, 1e-12));
        GradCheck.assertVjpMatches(p -> p.get("x").linear(p.get("w")).tanh(),
                Params.copyOf(com.google.common.collect.ImmutableMap.of("x", input, "w", weight)),
                Tolerance.FLOAT64);
    }

    @Provide
    Arbitrary<Integer> flags() {
        return Arbitraries.integers().between(0, 3);
    }

    /** Stacks {@code [3, m, k]} of small matrices. */
    @Provide
    Arbitrary<Tensor> batched() {
        return Arbitraries.integers().between(1, 3).tuple2().flatMap(mk -> TensorArbitraries
                .tensors(Shape.of(3, mk.get1(), mk.get2()), -2, 2));
    }

    @Provide
    Arbitrary<TensorPair> operands() {
        return TensorArbitraries.matmulPairs(-3, 3);
    }

    @Provide
    Arbitrary<Tensor> matrices() {
        return TensorArbitraries.matrices(-3, 3);
    }
}
