package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import java.util.SplittableRandom;
import jgrad.core.Autodiff;
import jgrad.core.AvgPoolOptions;
import jgrad.core.ConvOptions;
import jgrad.core.MaxPoolOptions;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.ValueAndGrad;
import org.junit.jupiter.api.Test;

/**
 * The convolution and pooling layers against PyTorch 1.13 in float64 ({@code
 * layers/layers-torch-1.13.json}): output and the gradients of {@code Σ cotangent ⊙ output}
 * with respect to the input and the parameters; plus initialisation, shapes and errors.
 */
class ConvolutionLayersTest {

    @Test
    void conv2dMatchesPyTorchWithStridePaddingDilationAndGroups() {
        LayerFixtures.Case strided = LayerFixtures.reference("conv2d");
        checkConvolution(strided, new Conv2d(strided.tensor("weight"), strided.tensor("bias"),
                ConvOptions.defaults().withStride(strided.ints("stride"))
                        .withPadding(strided.ints("padding"))));
        LayerFixtures.Case dilated = LayerFixtures.reference("conv2dDilated");
        checkConvolution(dilated, new Conv2d(dilated.tensor("weight"), dilated.tensor("bias"),
                ConvOptions.defaults().withPadding(dilated.ints("padding"))
                        .withDilation(dilated.ints("dilation"))));
        LayerFixtures.Case grouped = LayerFixtures.reference("conv2dGroups");
        checkConvolution(grouped, new Conv2d(grouped.tensor("weight"), grouped.tensor("bias"),
                ConvOptions.defaults().withPadding(grouped.ints("padding"))
                        .withGroups((int) grouped.number("groups"))));
    }

    @Test
    void conv1dMatchesPyTorch() {
        LayerFixtures.Case c = LayerFixtures.reference("conv1d");
        checkConvolution(c, new Conv1d(c.tensor("weight"), c.tensor("bias"),
                ConvOptions.defaults().withStride(c.ints("stride"))
                        .withPadding(c.ints("padding"))));
    }

    @Test
    void poolingLayersMatchPyTorch() {
        LayerFixtures.Case max = LayerFixtures.reference("maxPool2d");
        checkPooling(max, new MaxPool2d(MaxPoolOptions.of(max.ints("kernel"))
                .withStride(max.ints("stride")).withPadding(max.ints("padding"))));
        LayerFixtures.Case maxDefault = LayerFixtures.reference("maxPool2dDefaultStride");
        checkPooling(maxDefault, MaxPool2d.of(maxDefault.ints("kernel")[0]));
        LayerFixtures.Case avg = LayerFixtures.reference("avgPool2d");
        checkPooling(avg, AvgPool2d.of(avg.ints("kernel")[0]));
        LayerFixtures.Case padded = LayerFixtures.reference("avgPool2dPadded");
        checkPooling(padded, new AvgPool2d(AvgPoolOptions.of(padded.ints("kernel"))
                .withStride(padded.ints("stride")).withPadding(padded.ints("padding"))));
        LayerFixtures.Case adaptive = LayerFixtures.reference("adaptiveAvgPool2d");
        int[] size = adaptive.ints("outputSize");
        checkPooling(adaptive, new AdaptiveAvgPool2d(size[0], size[1]));
        checkPooling(LayerFixtures.reference("adaptiveAvgPool2dGlobal"), AdaptiveAvgPool2d.of(1));
    }

    private static void checkConvolution(LayerFixtures.Case c, Layer conv) {
        Tensor cotangent = c.tensor("cotangent");
        c.assertMatches("output", conv.apply(c.tensor("x")));
        ValueAndGrad<Params> vg = Autodiff.valueAndGrad(p -> conv.withParams(Params.of("weight",
                        p.get("weight"), "bias", p.get("bias"))).apply(p.get("x")).mul(cotangent)
                        .sum(),
                Params.copyOf(ImmutableMap.of("x", c.tensor("x"), "weight", c.tensor("weight"),
                        "bias", c.tensor("bias"))));
        c.assertMatches("grad_x", vg.grad().get("x"));
        c.assertMatches("grad_weight", vg.grad().get("weight"));
        c.assertMatches("grad_bias", vg.grad().get("bias"));
    }

    private static void checkPooling(LayerFixtures.Case c, Layer pool) {
        LayersTorchReferenceTest.checkElementwise(c, pool::apply);
    }

    @Test
    void convolutionInitIsPyTorchsDefaultFromTheFanIn() {
        // fanIn = in / groups * kh * kw = 4 / 2 * 3 * 3 = 18: weight and bias within 1/sqrt(18).
        Conv2d conv = Conv2d.init(new SplittableRandom(0), 4, 64, 3,
                ConvOptions.defaults().withGroups(2));
        assertEquals("[64, 2, 3, 3]", conv.weight().shape().toString());
        double bound = 1 / Math.sqrt(18);
        double weightMax = conv.weight().abs().max().item();
        assertTrue(weightMax <= bound && weightMax > 0.95 * bound, "weight " + weightMax);
        double biasMax = conv.bias().abs().max().item();
        assertTrue(biasMax <= bound && biasMax > 0.5 * bound, "bias " + biasMax);
        assertEquals(bound * bound / 3, conv.weight().square().mean().item(),
                0.1 * bound * bound / 3);
        Conv1d conv1d = Conv1d.init(new SplittableRandom(0), 3, 5, 4, ConvOptions.defaults());
        assertTrue(conv1d.weight().abs().max().item() <= 1 / Math.sqrt(12));
        // Equal seeds, equal layers.
        assertTrue(Conv2d.init(new SplittableRandom(0), 4, 64, 3, ConvOptions.defaults()
                .withGroups(2)).params().allClose(conv.params(), 0, 0));
    }

    @Test
    void convolutionLayersPrintAsPyTorchAndRefuseWrongInputs() {
        Conv2d conv = Conv2d.init(new SplittableRandom(0), 1, 8, 3,
                ConvOptions.defaults().withPadding(1));
        assertEquals("Conv2d(1, 8, kernel_size=[3, 3], stride=[1, 1], padding=[1, 1])",
                conv.toString());
        assertEquals("MaxPool2d(kernel_size=[2, 2], stride=[2, 2], padding=[0, 0])",
                MaxPool2d.of(2).toString());
        assertEquals("[5, 8, 8, 8]", conv.apply(Tensor.zeros(5, 1, 8, 8)).shape().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conv.apply(Tensor.zeros(5, 64)));
        assertEquals("conv2d: x [batch, 1, height, width] expected for weight [8, 1, 3, 3], got"
                + " shape [5, 64]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Conv2d.init(new SplittableRandom(0),
                3, 8, 3, ConvOptions.defaults().withGroups(2)));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(Tensor.zeros(8, 1, 3, 3),
                Tensor.zeros(7), ConvOptions.defaults()));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveAvgPool2d(0, 1));
    }

    @Test
    void aSmallCnnRunsEndToEndWithTheRightShapes() {
        SplittableRandom rng = new SplittableRandom(0);
        ConvOptions same = ConvOptions.defaults().withPadding(1);
        Sequential cnn = Sequential.of(Unflatten.of(1, 1, 8, 8),
                Conv2d.init(rng, 1, 8, 3, same), BatchNorm2d.init(8), Activation.RELU,
                MaxPool2d.of(2), Conv2d.init(rng, 8, 16, 3, same), Activation.RELU,
                AdaptiveAvgPool2d.of(2), new Flatten(), Linear.init(rng, 64, 10));
        Summary summary = Summary.of(cnn, 4, 64);
        assertEquals("[4, 10]", summary.rows().get(9).outputShape().toString());
        assertEquals("[4, 8, 4, 4]", summary.rows().get(4).outputShape().toString());
        // 8·9 + 8 + 2·8 + 16·8·9 + 16 + 64·10 + 10 = 80 + 16 + 1168 + 650
        assertEquals(1914, summary.totalParams());
        Forward out = cnn.forward(Tensor.uniform(Shape.of(4, 64), -1, 1, rng),
                Mode.training(rng));
        assertEquals("[2.running_mean, 2.running_var]", out.state().paths().toString());
    }
}
