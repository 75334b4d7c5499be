package jgrad.nn;

import java.util.function.UnaryOperator;
import jgrad.core.Autodiff;
import jgrad.core.Params;
import jgrad.core.Tensor;
import jgrad.core.ValueAndGrad;
import org.junit.jupiter.api.Test;

/**
 * Layers against PyTorch 1.13 in float64 ({@code layers/layers-torch-1.13.json}, made by {@code
 * layers/torch_reference.py}): the output and the gradients of {@code Σ cotangent ⊙ output},
 * within {@code 1e-12 + 1e-12 |want|}. Normalisation layers are checked in {@link
 * LayerCasesTest} as the siblings of N03 and N04.
 */
class LayersTorchReferenceTest {

    @Test
    void eluMatchesPyTorch() {
        LayerFixtures.Case c = LayerFixtures.reference("elu");
        checkElementwise(c, new Elu(c.number("alpha"))::apply);
    }

    @Test
    void eluMatchesPyTorchFarFromZero() {
        // x = ±800, ±710, ±50: no overflow in either branch, saturation at -alpha
        LayerFixtures.Case c = LayerFixtures.reference("eluExtremes");
        checkElementwise(c, new Elu(c.number("alpha"))::apply);
        checkElementwise(c, x -> x.elu(c.number("alpha")));
    }

    @Test
    void leakyReluMatchesPyTorch() {
        LayerFixtures.Case c = LayerFixtures.reference("leakyRelu");
        checkElementwise(c, new LeakyRelu(c.number("negativeSlope"))::apply);
    }

    @Test
    void siluMatchesPyTorch() {
        checkElementwise(LayerFixtures.reference("silu"), Activation.SILU::apply);
    }

    @Test
    void geluMatchesPyTorchInItsExactAndTanhForms() {
        checkElementwise(LayerFixtures.reference("gelu"), Activation.GELU::apply);
        checkElementwise(LayerFixtures.reference("geluTanh"), Activation.GELU_TANH::apply);
    }

    @Test
    void softmaxMatchesPyTorch() {
        LayerFixtures.Case c = LayerFixtures.reference("softmax");
        checkElementwise(c, new Softmax((int) c.number("axis"))::apply);
    }

    @Test
    void embeddingMatchesPyTorchAndAddsTheGradientsOfRepeatedIndices() {
        LayerFixtures.Case c = LayerFixtures.reference("embedding");
        Embedding embedding = new Embedding(c.tensor("weight"));
        Tensor indices = c.tensor("indices");
        Tensor cotangent = c.tensor("cotangent");
        c.assertMatches("output", embedding.apply(indices));
        Params grad = Autodiff.grad(p -> embedding.withParams(p).apply(indices).mul(cotangent)
                .sum(), embedding.params());
        c.assertMatches("grad_weight", grad.get("weight"));
    }

    /** Output and input gradient of a layer of one input {@code x}. */
    static void checkElementwise(LayerFixtures.Case c, UnaryOperator<Tensor> layer) {
        Tensor cotangent = c.tensor("cotangent");
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(x -> layer.apply(x).mul(cotangent).sum(),
                c.tensor("x"));
        c.assertMatches("output", layer.apply(c.tensor("x")));
        c.assertMatches("grad_x", vg.grad());
    }
}
