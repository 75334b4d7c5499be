package jgrad.core;

import static jgrad.core.CaseAssertions.assertTensor;
import static jgrad.core.CaseAssertions.dims;
import static jgrad.core.TensorTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Values, conventions, float32 paths and errors of the network operations: convolution against
 * its defining sum over random geometries, max-pooling ties and padding, the options, and the
 * error messages (naming the operation and the shapes).
 */
@PropertyDefaults(tries = 100, edgeCases = EdgeCasesMode.NONE)
class NetworkOpsTest {

    private final NetworkGradientTest cases = new NetworkGradientTest();

    // ---------------------------------------------------------------- values

    /** The definition, {@code y[n, o, r, c] = b[o] + sum x[n, g C/G + ch, ...] w[o, ch, i, j]}. */
    @Property
    void conv2dEqualsItsDefiningSumOverRandomGeometries(
            @ForAll("conv2dCases") NetworkGradientTest.ConvCase c) {
        Tensor y = c.bias() == null ? c.x().conv2d(c.weight(), c.options())
                : c.x().conv2d(c.weight(), c.bias(), c.options());
        Tensor want = directConv2d(c);
        assertEquals(want.shape(), y.shape());
        assertTrue(y.allClose(want, 1e-12, 1e-12), y + " vs " + want);
    }

    /** Transposed convolution is the vjp of convolution with respect to its input. */
    @Property
    void convTranspose2dIsTheVjpOfConv2dWithRespectToItsInput(
            @ForAll("conv2dCases") NetworkGradientTest.ConvCase c) {
        ConvOptions o = c.options();
        Tensor y = c.x().conv2d(c.weight(), o);
        Tensor u = Tensor.arange(y.size()).reshape(y.shape()).mul(0.37).tanh();
        Tensor vjp = Autodiff.vjp(t -> t.conv2d(c.weight(), o), c.x()).pullback().apply(u);
        int[] padding = SpatialOptions.perAxis("test", "padding", o.padding(), 2);
        int[] stride = SpatialOptions.perAxis("test", "stride", o.stride(), 2);
        int[] dilation = SpatialOptions.perAxis("test", "dilation", o.dilation(), 2);
        int[] outputPadding = new int[2];
        for (int d = 0; d < 2; d++) {
            int full = (y.shape().dim(2 + d) - 1) * stride[d] - 2 * padding[d]
                    + dilation[d] * (c.weight().shape().dim(2 + d) - 1) + 1;
            outputPadding[d] = c.x().shape().dim(2 + d) - full;
        }
        // The unread tail can exceed what output padding may express; compare where it fits.
        if (outputPadding[0] < Math.max(stride[0], dilation[0])
                && outputPadding[1] < Math.max(stride[1], dilation[1])) {
            Tensor transposed = u.convTranspose2d(c.weight(), ConvTransposeOptions.defaults()
                    .withStride(stride).withPadding(padding).withDilation(dilation)
                    .withOutputPadding(outputPadding).withGroups(o.groups()));
            assertTrue(transposed.allClose(vjp, 1e-12, 1e-12), transposed + " vs " + vjp);
        }
    }

    @Test
    void maxPoolTiesShareTheGradientEquallyAndOverlapsAdd() {
        Tensor x = Tensor.ones(1, 1, 2, 2);
        assertTensor(Autodiff.grad(t -> t.maxPool2d(2).sum(), x), dims(1, 1, 2, 2),
                0.25, 0.25, 0.25, 0.25);
        // windows [1, 3, 3] and [3, 3, 2] overlap on the tied pair: each gets 1/2 + 1/2
        Tensor v = Tensor.of(1, 3, 3, 2).reshape(1, 1, 4);
        MaxPoolOptions overlapping = MaxPoolOptions.of(3).withStride(1);
        assertTensor(v.maxPool1d(overlapping), dims(1, 1, 2), 3, 3);
        assertTensor(Autodiff.grad(t -> t.maxPool1d(overlapping).sum(), v), dims(1, 1, 4),
                0, 1, 1, 0);
    }

    /** Padding is -Inf: with negative inputs, a padded window still returns a real value. */
    @Test
    void maxPoolPaddingNeverWinsAWindow() {
        Tensor x = Tensor.of(new double[] {-5, -4, -3, -2}, 1, 1, 2, 2);
        MaxPoolOptions padded = MaxPoolOptions.of(2).withStride(1).withPadding(1);
        assertTensor(x.maxPool2d(padded), dims(1, 1, 3, 3),
                -5, -4, -4, -3, -2, -2, -3, -2, -2);
        assertTensor(Autodiff.grad(t -> t.maxPool2d(padded).sum(), x), dims(1, 1, 2, 2),
                1, 2, 2, 4);
    }

    /**
     * The padding's -Inf comes from a constant input, so anomaly mode does not report it; and a
     * window whose real cells are all -Inf keeps -Inf (padding never wins, even then). A unique
     * maximum of -0.0 stays -0.0: the constant is -0.0 on real cells.
     */
    @Test
    void paddedMaxPoolPassesAnomalyModeAndKeepsInfinitiesAndSignedZeros() {
        Tensor x = Tensor.of(new double[] {-3, -1, -2, -4}, 1, 1, 2, 2);
        MaxPoolOptions padded = MaxPoolOptions.of(3).withStride(1).withPadding(1);
        Tensor y = Autodiff.detectAnomaly(() -> x.maxPool2d(padded));
        assertTensor(y, dims(1, 1, 2, 2), -1, -1, -1, -1);
        Tensor grad = Autodiff.detectAnomaly(
                () -> Autodiff.grad(t -> t.maxPool2d(padded).sum(), x));
        assertTensor(grad, dims(1, 1, 2, 2), 0, 4, 0, 0);
        Tensor v = Tensor.of(Double.NEGATIVE_INFINITY, -0.0, -5).reshape(1, 1, 3);
        Tensor pooled = v.maxPool1d(MaxPoolOptions.of(2).withStride(2).withPadding(1));
        assertEquals(Double.NEGATIVE_INFINITY, pooled.get(0, 0, 0));
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(pooled.get(0, 0, 1)));
    }

    @Test
    void maxPoolCeilModeAddsTheWindowThatHangsOverTheEnd() {
        Tensor x = Tensor.of(1, 5, 2, 4, 3).reshape(1, 1, 5);
        assertTensor(x.maxPool1d(MaxPoolOptions.of(2)), dims(1, 1, 2), 5, 4);
        assertTensor(x.maxPool1d(MaxPoolOptions.of(2).withCeilMode(true)), dims(1, 1, 3),
                5, 4, 3);
    }

    /** Leading axes other than [batch, channels] are kept: pooling is per plane. */
    @Test
    void poolingKeepsAnyLeadingAxes() {
        Tensor x = Tensor.arange(16).reshape(4, 4);
        assertTensor(x.maxPool2d(2), dims(2, 2), 5, 7, 13, 15);
        assertTensor(x.avgPool2d(2), dims(2, 2), 2.5, 4.5, 10.5, 12.5);
        assertTensor(x.reshape(2, 8).avgPool1d(AvgPoolOptions.of(4)), dims(2, 2),
                1.5, 5.5, 9.5, 13.5);
        assertTensor(Tensor.arange(6).adaptiveAvgPool1d(4), dims(4), 0.5, 1.5, 3.5, 4.5);
    }

    /** torch's windows for 5 cells to 3: [0, 2), [1, 4), [3, 5). */
    @Test
    void adaptiveAveragePoolingUsesTorchsWindowBoundaries() {
        Tensor x = Tensor.of(1, 2, 4, 8, 16);
        assertTensor(x.adaptiveAvgPool1d(3), dims(3), 1.5, 14.0 / 3, 12);
        Tensor plane = Tensor.arange(20).reshape(1, 1, 4, 5);
        assertTensor(plane.adaptiveAvgPool2d(1, 1), dims(1, 1, 1, 1), 9.5);
    }

    @Test
    void oneByOneConvolutionIsAMatrixProductOverChannels() {
        Tensor x = Tensor.arange(12).reshape(1, 3, 2, 2);
        Tensor w = Tensor.of(new double[] {1, 0, -1, 2, 1, 0}, 2, 3, 1, 1);
        Tensor bias = Tensor.of(10, 20);
        assertTensor(x.conv2d(w, bias, ConvOptions.defaults()), dims(1, 2, 2, 2),
                2, 2, 2, 2, 24, 27, 30, 33);
    }

    @Test
    void unfoldAndFoldMatchTheHandWorkedColumnsAndOverlapCounts() {
        Tensor x = Tensor.arange(9).add(1).reshape(1, 1, 3, 3);
        Tensor cols = x.unfold(2, 2, ConvOptions.defaults());
        assertTensor(cols, dims(1, 4, 4), 1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9);
        // folding ones counts how many windows cover each cell
        assertTensor(Tensor.ones(1, 4, 4).fold(3, 3, 2, 2, ConvOptions.defaults()),
                dims(1, 1, 3, 3), 1, 2, 1, 2, 4, 2, 1, 2, 1);
    }

    @Test
    void dropoutFromTheGeneratorIsReproducibleAndUsesTheSameDrawsAsBernoulli() {
        Tensor x = Tensor.arange(10).add(1);
        Tensor a = x.dropout(0.3, true, new SplittableRandom(7));
        Tensor b = x.dropout(0.3, true, new SplittableRandom(7));
        assertTrue(a.allClose(b, 0, 0));
        Tensor keep = Tensor.bernoulli(x.shape(), 0.7, DType.FLOAT64, new SplittableRandom(7));
        assertTrue(a.allClose(x.dropout(0.3, keep), 0, 0));
        assertTrue(x.dropout(0.0, true, new SplittableRandom(7)) == x);
    }

    @Test
    void linearAlgebraHelpersMatchHandWorkedValues() {
        Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertTensor(Tensor.of(1, 2, 3).dot(Tensor.of(4, 5, 6)), dims(), 32);
        assertTensor(Tensor.of(1, 2).outer(Tensor.of(3, 4, 5)), dims(2, 3), 3, 4, 5, 6, 8, 10);
        assertTensor(m.trace(), dims(), 6);
        assertTensor(m.diag(), dims(2), 1, 5);
        assertTensor(m.diag(1), dims(2), 2, 6);
        assertTensor(m.diag(2), dims(1), 3);
        assertTensor(m.diag(-1), dims(1), 4);
        assertTensor(m.diag(3), dims(0));
        assertTensor(m.diag(-2), dims(0));
        assertTensor(Tensor.of(1, 2).diag(-1), dims(3, 3), 0, 0, 0, 1, 0, 0, 0, 2, 0);
        assertTensor(Tensor.of(new double[0]).diag(2), dims(2, 2), 0, 0, 0, 0);
        assertTensor(Tensor.einsum("ij->", m), dims(), 21);
        assertTensor(Tensor.einsum("ij,ij->i", m, m), dims(2), 14, 77);
        assertTensor(Tensor.einsum("ji", m), dims(3, 2), 1, 4, 2, 5, 3, 6);
        assertTensor(Tensor.einsum("i,i", Tensor.of(1, 2), Tensor.of(3, 4)), dims(), 11);
        assertTensor(Tensor.einsum("i->i", Tensor.of(1, 2)), dims(2), 1, 2);
    }

    // ---------------------------------------------------------------- float32

    /** The float32 paths agree with float64 to float32 precision (relative 1e-4). */
    @Property(tries = 30)
    void float32ConvolutionAndPoolingAgreeWithFloat64(
            @ForAll("conv2dCases") NetworkGradientTest.ConvCase c) {
        Tensor x32 = c.x().cast(DType.FLOAT32);
        Tensor w32 = c.weight().cast(DType.FLOAT32);
        ConvOptions o = c.options();
        assertClose32(c.x().conv2d(c.weight(), o), x32.conv2d(w32, o));
        assertClose32(Autodiff.grad(t -> t.conv2d(c.weight(), o).square().sum(), c.x()),
                Autodiff.grad(t -> t.conv2d(w32, o).square().sum(), x32));
        MaxPoolOptions max = MaxPoolOptions.of(2).withStride(1).withPadding(1);
        assertClose32(c.x().maxPool2d(max), x32.maxPool2d(max));
        AvgPoolOptions avg = AvgPoolOptions.of(2).withStride(1).withPadding(1)
                .withCountIncludePad(false);
        assertClose32(Autodiff.grad(t -> t.avgPool2d(avg).square().sum(), c.x()),
                Autodiff.grad(t -> t.avgPool2d(avg).square().sum(), x32));
        Tensor y = c.x().conv2d(c.weight(), o);
        ConvTransposeOptions t = ConvTransposeOptions.defaults().withGroups(o.groups());
        assertClose32(y.convTranspose2d(c.weight(), t),
                y.cast(DType.FLOAT32).convTranspose2d(w32, t));
        assertClose32(Tensor.einsum("ncij,ncik->njk", c.x(), c.x()),
                Tensor.einsum("ncij,ncik->njk", x32, x32));
    }

    private static void assertClose32(Tensor want, Tensor got) {
        assertEquals(DType.FLOAT32, got.dtype());
        double scale = 1;
        for (double v : want.toArray()) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(got.cast(DType.FLOAT64).allClose(want, 1e-4, 1e-5 * scale),
                got + " vs " + want);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void convolutionErrorsNameTheOperationAndTheShapes() {
        Tensor x = Tensor.zeros(2, 4, 5, 5);
        assertRejected(() -> x.conv2d(Tensor.zeros(3, 3, 3, 3), ConvOptions.defaults()),
                "conv2d", "[3, 3, 3, 3]", "[2, 4, 5, 5]", "3 input channels", "has 4");
        assertRejected(() -> x.conv2d(Tensor.zeros(3, 2, 3, 3),
                ConvOptions.defaults().withGroups(2)), "conv2d", "groups 2", "output channels (3");
        assertRejected(() -> x.conv2d(Tensor.zeros(4, 4, 7, 3), ConvOptions.defaults()),
                "conv2d", "reaches 7 cells", "padded input (5 + 2 * 0)");
        assertRejected(() -> x.conv2d(Tensor.zeros(4, 4, 3, 3), ConvOptions.defaults()
                .withDilation(3)), "conv2d", "reaches 7 cells");
        assertRejected(() -> x.conv2d(Tensor.zeros(4, 4, 3, 3), Tensor.zeros(3),
                ConvOptions.defaults()), "conv2d", "bias [4]", "[3]");
        assertRejected(() -> x.conv2d(Tensor.zeros(4, 4, 3), ConvOptions.defaults()),
                "conv2d", "weight [outChannels", "[4, 4, 3]");
        assertRejected(() -> Tensor.zeros(4, 5, 5).conv2d(Tensor.zeros(4, 4, 3, 3),
                ConvOptions.defaults()), "conv2d", "input [batch, channels, height, width]");
        assertRejected(() -> x.conv2d(Tensor.zeros(4, 4, 3, 3), ConvOptions.defaults()
                .withStride(1, 2, 3)), "conv2d", "stride [1, 2, 3]", "2 spatial axes");
        assertRejected(() -> x.conv2d(Tensor.zeros(Shape.of(4, 4, 3, 3), DType.FLOAT32),
                ConvOptions.defaults()), "conv2d", "dtypes differ");
        assertRejected(() -> Tensor.zeros(1, 2, 5).conv1d(Tensor.zeros(1, 2, 3),
                ConvOptions.defaults().withStride(1, 2)), "conv1d", "1 spatial axes");
        assertRejected(() -> ConvOptions.defaults().withStride(0), "stride", "at least 1");
        assertRejected(() -> ConvOptions.defaults().withPadding(-1), "padding", "at least 0");
        assertRejected(() -> ConvOptions.defaults().withGroups(0), "groups");
    }

    @Test
    void transposedConvolutionErrorsNameTheOperationAndTheShapes() {
        Tensor x = Tensor.zeros(1, 2, 3, 3);
        assertRejected(() -> x.convTranspose2d(Tensor.zeros(3, 1, 2, 2),
                ConvTransposeOptions.defaults()), "convTranspose2d", "[3, 1, 2, 2]",
                "3 input channels", "[1, 2, 3, 3]");
        assertRejected(() -> x.convTranspose2d(Tensor.zeros(2, 1, 2, 2),
                ConvTransposeOptions.defaults().withOutputPadding(1)), "convTranspose2d",
                "output padding 1", "stride 1", "dilation 1");
        assertRejected(() -> x.convTranspose2d(Tensor.zeros(2, 1, 1, 1),
                ConvTransposeOptions.defaults().withPadding(2)), "convTranspose2d",
                "output size -1");
        assertRejected(() -> x.convTranspose2d(Tensor.zeros(2, 1, 2, 2), Tensor.zeros(2),
                ConvTransposeOptions.defaults()), "convTranspose2d", "bias [1]");
        assertRejected(() -> Tensor.zeros(1, 3, 4).convTranspose1d(Tensor.zeros(3, 1, 2),
                ConvTransposeOptions.defaults().withGroups(2)), "convTranspose1d", "groups 2");
    }

    @Test
    void poolingErrorsNameTheOperationAndTheValues() {
        Tensor x = Tensor.zeros(1, 1, 4, 4);
        assertRejected(() -> x.maxPool2d(MaxPoolOptions.of(2).withPadding(2)), "maxPool2d",
                "padding [2, 2]", "half the kernel [2, 2]");
        assertRejected(() -> x.maxPool2d(MaxPoolOptions.of(5)), "maxPool2d", "[1, 1, 4, 4]",
                "too small", "kernel 5");
        assertRejected(() -> x.maxPool2d(MaxPoolOptions.of(2).withDilation(4)), "maxPool2d",
                "dilation 4");
        assertRejected(() -> Tensor.zeros(4).maxPool2d(2), "maxPool2d", "rank >= 2", "[4]");
        assertRejected(() -> x.avgPool2d(AvgPoolOptions.of(2, 2, 2)), "avgPool2d",
                "kernel [2, 2, 2]", "2 spatial axes");
        assertRejected(() -> x.avgPool1d(AvgPoolOptions.of(3).withPadding(2)), "avgPool1d",
                "padding [2]");
        assertRejected(() -> AvgPoolOptions.of(2).withDivisorOverride(0), "divisorOverride");
        assertRejected(() -> MaxPoolOptions.of(0), "kernel", "at least 1");
        assertRejected(() -> x.adaptiveAvgPool2d(0, 2), "adaptiveAvgPool2d", "[0, 2]");
        assertRejected(() -> Tensor.zeros(1, 0).adaptiveAvgPool1d(2), "adaptiveAvgPool1d",
                "empty", "[1, 0]");
    }

    @Test
    void unfoldFoldAndDropoutErrorsNameTheOperation() {
        Tensor x = Tensor.zeros(1, 2, 3, 3);
        assertRejected(() -> x.unfold(4, 1, ConvOptions.defaults()), "unfold", "reach 4",
                "padded input 3");
        assertRejected(() -> x.unfold(2, 2, ConvOptions.defaults().withGroups(2)), "unfold",
                "groups");
        assertRejected(() -> Tensor.zeros(2, 3, 3).unfold(2, 2, ConvOptions.defaults()),
                "unfold", "[2, 3, 3]");
        assertRejected(() -> Tensor.zeros(1, 8, 5).fold(3, 3, 2, 2, ConvOptions.defaults()),
                "fold", "4 windows", "[1, 8, 5]");
        assertRejected(() -> Tensor.zeros(1, 7, 4).fold(3, 3, 2, 2, ConvOptions.defaults()),
                "fold", "4 taps", "[1, 7, 4]");
        Tensor v = Tensor.zeros(2, 3);
        assertRejected(() -> v.dropout(1.5, true, new SplittableRandom(1)), "dropout", "1.5");
        assertRejected(() -> v.dropout(0.5, Tensor.of(1, 0.5, 1)), "dropout", "0.5",
                "index 1");
        assertRejected(() -> v.dropout(0.5, Tensor.ones(3, 3)), "dropout", "[3, 3]",
                "[2, 3]");
    }

    @Test
    void einsumErrorsNameTheSpecAndTheShapes() {
        Tensor m = Tensor.zeros(2, 3);
        Tensor n = Tensor.zeros(4, 5);
        assertRejected(() -> Tensor.einsum("ij,jk->ik", m), "einsum", "\"ij,jk->ik\"",
                "2 operands", "1 tensors");
        assertRejected(() -> Tensor.einsum("ij,jk->ik", m, n), "einsum", "label 'j'",
                "size 4", "[4, 5]", "size 3");
        assertRejected(() -> Tensor.einsum("ijk->i", m), "einsum", "3 labels", "[2, 3]");
        assertRejected(() -> Tensor.einsum("i1->i", m), "einsum", "'1'");
        assertRejected(() -> Tensor.einsum("ij->k", m), "einsum", "output label 'k'",
                "no input");
        assertRejected(() -> Tensor.einsum("ij->ii", m), "einsum", "'i'", "repeated");
        assertRejected(() -> Tensor.einsum("ii->i", m), "einsum", "repeated in operand 0",
                "sizes 2 and 3");
        assertRejected(() -> Tensor.einsum("ij->i->j", m), "einsum", "more than one");
        assertRejected(() -> Tensor.einsum("i.j->i", m), "einsum", "stray '.'");
        assertRejected(() -> Tensor.einsum("ij,jk", m, Tensor.zeros(Shape.of(3, 2),
                DType.FLOAT32)), "einsum", "dtypes differ");
        assertRejected(() -> m.dot(m), "dot", "[2, 3]");
        assertRejected(() -> m.trace().diag().trace(), "diag", "[]");
        assertRejected(() -> Tensor.zeros(2, 2, 2).trace(), "trace", "[2, 2, 2]");
    }

    @Test
    void integerEinsumAgreesWithTheFloatOneAndKeepsTheDtype() {
        // The user trial's case: was an error naming matMul.
        Tensor dot = Tensor.einsum("i,i->", Tensor.ofInts(1, 2), Tensor.ofInts(3, 4));
        assertEquals(DType.INT32, dot.dtype());
        assertEquals(11, dot.toIntArray()[0]);
        SplittableRandom rng = new SplittableRandom(7);
        String[][] cases = {
            {"ij,jk->ik", "2,3", "3,4"}, {"ij,kj->ik", "2,3", "4,3"}, {"ji,jk->ki", "3,2", "3,4"},
            {"bij,bjk->bik", "2,2,3", "2,3,4"}, {"ij,j->i", "2,3", "3"},
            {"bi,bi->b", "3,4", "3,4"}, {"i,j->ij", "2", "3"}, {"ii->", "3,3"},
            {"...ij,jk->...ik", "2,2,3", "3,2"}, {"ij,jk,kl->il", "2,3", "3,2", "2,2"},
        };
        for (DType dtype : new DType[] {DType.INT32, DType.INT64}) {
            for (String[] c : cases) {
                Tensor[] ints = new Tensor[c.length - 1];
                Tensor[] floats = new Tensor[c.length - 1];
                for (int i = 1; i < c.length; i++) {
                    int[] shape = java.util.Arrays.stream(c[i].split(","))
                            .mapToInt(Integer::parseInt).toArray();
                    int size = java.util.Arrays.stream(shape).reduce(1, (x, y) -> x * y);
                    double[] values = new double[size];
                    for (int j = 0; j < size; j++) {
                        values[j] = rng.nextInt(-5, 6);
                    }
                    floats[i - 1] = Tensor.of(values, shape);
                    ints[i - 1] = floats[i - 1].cast(dtype);
                }
                Tensor got = Tensor.einsum(c[0], ints);
                assertEquals(dtype, got.dtype(), c[0]);
                Tensor want = Tensor.einsum(c[0], floats).add(0.0); // -0.0 as 0.0
                assertEquals(want.shape(), got.shape(), c[0]);
                assertEquals(java.util.Arrays.toString(want.toArray()),
                        java.util.Arrays.toString(got.cast(DType.FLOAT64).toArray()), c[0]);
            }
        }
    }

    @Test
    void anErrorInsideEinsumNamesEinsumTheSpecAndTheOperands() {
        // An int32 sum that does not fit is refused by sum; the message must still say einsum.
        Tensor big = Tensor.ofInts(46340, 46340); // each product fits, their sum does not
        ArithmeticException e = org.junit.jupiter.api.Assertions.assertThrows(
                ArithmeticException.class, () -> Tensor.einsum("i,i->", big, big));
        assertTrue(e.getMessage().startsWith("einsum \"i,i->\" of [2] int32, [2] int32: "),
                e.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    @Provide
    Arbitrary<NetworkGradientTest.ConvCase> conv2dCases() {
        return cases.conv2dCases();
    }

    static Tensor directConv2d(NetworkGradientTest.ConvCase c) {
        int[] xs = c.x().shape().toArray();
        int[] ws = c.weight().shape().toArray();
        ConvOptions o = c.options();
        int[] s = SpatialOptions.perAxis("test", "stride", o.stride(), 2);
        int[] p = SpatialOptions.perAxis("test", "padding", o.padding(), 2);
        int[] d = SpatialOptions.perAxis("test", "dilation", o.dilation(), 2);
        int groups = o.groups();
        int oh = (xs[2] + 2 * p[0] - d[0] * (ws[2] - 1) - 1) / s[0] + 1;
        int ow = (xs[3] + 2 * p[1] - d[1] * (ws[3] - 1) - 1) / s[1] + 1;
        double[] out = new double[xs[0] * ws[0] * oh * ow];
        int perGroup = ws[0] / groups;
        int k = 0;
        for (int n = 0; n < xs[0]; n++) {
            for (int o2 = 0; o2 < ws[0]; o2++) {
                int g = o2 / perGroup;
                for (int r = 0; r < oh; r++) {
                    for (int col = 0; col < ow; col++) {
                        double sum = c.bias() == null ? 0 : c.bias().get(o2);
                        for (int ch = 0; ch < ws[1]; ch++) {
                            for (int i = 0; i < ws[2]; i++) {
                                for (int j = 0; j < ws[3]; j++) {
                                    int h = r * s[0] - p[0] + i * d[0];
                                    int w = col * s[1] - p[1] + j * d[1];
                                    if (h >= 0 && h < xs[2] && w >= 0 && w < xs[3]) {
                                        sum += c.x().get(n, g * ws[1] + ch, h, w)
                                                * c.weight().get(o2, ch, i, j);
                                    }
                                }
                            }
                        }
                        out[k++] = sum;
                    }
                }
            }
        }
        return Tensor.of(out, xs[0], ws[0], oh, ow);
    }
}
