package jgrad.core;

import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.check.jqwik.TensorArbitraries;
import jgrad.check.jqwik.TensorPair;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

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

    @Provide
    Arbitrary<TensorPair> operands() {
        return TensorArbitraries.matmulPairs(-3, 3);
    }

    @Provide
    Arbitrary<Tensor> matrices() {
        return TensorArbitraries.matrices(-3, 3);
    }
}
