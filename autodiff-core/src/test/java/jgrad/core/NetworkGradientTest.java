package jgrad.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.check.jqwik.TensorArbitraries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/**
 * Gradients of the network operations against central differences in float64, over random small
 * shapes, strides, paddings, dilations, groups, ceil modes and divisor rules: unfold and fold (the
 * two primitives), convolution and transposed convolution (input, weight and bias at once),
 * max, average and adaptive pooling, and dropout with a given mask.
 *
 * <p>Convolutions are bilinear, so central differences are exact up to rounding; max pooling
 * draws distinct values (multiples of 0.01 apart), so no window has a near-tie within a step.
 */
@PropertyDefaults(tries = 100, edgeCases = EdgeCasesMode.NONE)
class NetworkGradientTest {

    /** The geometry of one spatial axis: input size, kernel, stride, padding, dilation. */
    record Axis(int size, int kernel, int stride, int padding, int dilation) {}

    /** A convolution's operands and options (bias may be null). */
    record ConvCase(Tensor x, Tensor weight, Tensor bias, ConvOptions options) {
        Params params() {
            Map<String, Tensor> map = new LinkedHashMap<>();
            map.put("x", x);
            map.put("weight", weight);
            if (bias != null) {
                map.put("bias", bias);
            }
            return Params.copyOf(map);
        }
    }

    /** A transposed convolution's operands and options (bias may be null). */
    record TransposeCase(Tensor x, Tensor weight, Tensor bias, ConvTransposeOptions options) {
        Params params() {
            Map<String, Tensor> map = new LinkedHashMap<>();
            map.put("x", x);
            map.put("weight", weight);
            if (bias != null) {
                map.put("bias", bias);
            }
            return Params.copyOf(map);
        }
    }

    record PoolCase<O>(Tensor x, O options) {}

    @Property
    @Covers(Unfold.class)
    void unfoldVjpMatchesCentralDifference(@ForAll("unfoldCases") ConvCase c) {
        int kh = c.weight().shape().dim(2);
        int kw = c.weight().shape().dim(3);
        GradCheck.assertVjpMatches(t -> t.unfold(kh, kw, c.options()), c.x(), Tolerance.FLOAT64);
    }

    /** Fold's input is the unfold of a plane of the case's size; its vjp is unfold. */
    @Property
    @Covers(Fold.class)
    void foldVjpMatchesCentralDifference(@ForAll("unfoldCases") ConvCase c) {
        int kh = c.weight().shape().dim(2);
        int kw = c.weight().shape().dim(3);
        int height = c.x().shape().dim(2);
        int width = c.x().shape().dim(3);
        Tensor cols = c.x().unfold(kh, kw, c.options()).mul(0.5).add(0.25);
        GradCheck.assertVjpMatches(t -> t.fold(height, width, kh, kw, c.options()), cols,
                Tolerance.FLOAT64);
    }

    @Property
    @Covers({Unfold.class, MatMul.class, Reshape.class, Add.class, BroadcastTo.class})
    void conv2dVjpMatchesCentralDifference(@ForAll("conv2dCases") ConvCase c) {
        GradCheck.assertVjpMatches(p -> c.bias() == null
                ? p.get("x").conv2d(p.get("weight"), c.options())
                : p.get("x").conv2d(p.get("weight"), p.get("bias"), c.options()),
                c.params(), Tolerance.FLOAT64);
    }

    @Property
    @Covers({Unfold.class, MatMul.class, Reshape.class})
    void conv1dVjpMatchesCentralDifference(@ForAll("conv1dCases") ConvCase c) {
        GradCheck.assertVjpMatches(p -> c.bias() == null
                ? p.get("x").conv1d(p.get("weight"), c.options())
                : p.get("x").conv1d(p.get("weight"), p.get("bias"), c.options()),
                c.params(), Tolerance.FLOAT64);
    }

    @Property
    @Covers({Fold.class, MatMul.class, Reshape.class, Add.class})
    void convTranspose2dVjpMatchesCentralDifference(
            @ForAll("convTranspose2dCases") TransposeCase c) {
        GradCheck.assertVjpMatches(p -> c.bias() == null
                ? p.get("x").convTranspose2d(p.get("weight"), c.options())
                : p.get("x").convTranspose2d(p.get("weight"), p.get("bias"), c.options()),
                c.params(), Tolerance.FLOAT64);
    }

    @Property
    @Covers({Fold.class, MatMul.class, Reshape.class})
    void convTranspose1dVjpMatchesCentralDifference(
            @ForAll("convTranspose1dCases") TransposeCase c) {
        GradCheck.assertVjpMatches(p -> c.bias() == null
                ? p.get("x").convTranspose1d(p.get("weight"), c.options())
                : p.get("x").convTranspose1d(p.get("weight"), p.get("bias"), c.options()),
                c.params(), Tolerance.FLOAT64);
    }

    @Property
    @Covers({Unfold.class, ReduceMax.class, Reshape.class})
    void maxPool2dVjpMatchesCentralDifference(
            @ForAll("maxPool2dCases") PoolCase<MaxPoolOptions> c) {
        GradCheck.assertVjpMatches(t -> t.maxPool2d(c.options()), c.x(), Tolerance.FLOAT64);
    }

    @Property
    @Covers({Unfold.class, ReduceMax.class, Reshape.class})
    void maxPool1dWithOptionsVjpMatchesCentralDifference(
            @ForAll("maxPool1dCases") PoolCase<MaxPoolOptions> c) {
        GradCheck.assertVjpMatches(t -> t.maxPool1d(c.options()), c.x(), Tolerance.FLOAT64);
    }

    @Property
    @Covers({Unfold.class, ReduceSum.class, Div.class, Reshape.class})
    void avgPool2dVjpMatchesCentralDifference(
            @ForAll("avgPool2dCases") PoolCase<AvgPoolOptions> c) {
        GradCheck.assertVjpMatches(t -> t.avgPool2d(c.options()), c.x(), Tolerance.FLOAT64);
    }

    @Property
    @Covers({Unfold.class, ReduceSum.class, Div.class})
    void avgPool1dVjpMatchesCentralDifference(
            @ForAll("avgPool1dCases") PoolCase<AvgPoolOptions> c) {
        GradCheck.assertVjpMatches(t -> t.avgPool1d(c.options()), c.x(), Tolerance.FLOAT64);
    }

    @Property
    @Covers(MatMul.class)
    void adaptiveAvgPool2dVjpMatchesCentralDifference(@ForAll("planes") Tensor x,
            @ForAll("outputSizes") int outHeight, @ForAll("outputSizes") int outWidth) {
        GradCheck.assertVjpMatches(t -> t.adaptiveAvgPool2d(outHeight, outWidth), x,
                Tolerance.FLOAT64);
    }

    @Property
    @Covers(MatMul.class)
    void adaptiveAvgPool1dVjpMatchesCentralDifference(@ForAll("planes") Tensor x,
            @ForAll("outputSizes") int out) {
        GradCheck.assertVjpMatches(t -> t.adaptiveAvgPool1d(out), x, Tolerance.FLOAT64);
    }

    /** The mask broadcasts over the last axis when it has size 1 there (channel dropout). */
    @Property
    @Covers({Where.class, Mul.class})
    void dropoutWithAMaskVjpMatchesCentralDifference(@ForAll("planes") Tensor x,
            @ForAll("seeds") long seed, @ForAll("probabilities") double p) {
        int[] maskDims = x.shape().toArray();
        maskDims[maskDims.length - 1] = 1;
        Tensor mask = Tensor.bernoulli(Shape.of(maskDims), 0.5, DType.FLOAT64,
                new SplittableRandom(seed));
        GradCheck.assertVjpMatches(t -> t.dropout(p, mask).tanh(), x, Tolerance.FLOAT64);
    }

    // ---------------------------------------------------------------- arbitraries

    /**
     * One spatial axis: kernel 1 to 3, stride 1 to 2, padding 0 to 2, dilation 1 to 2, and an
     * input long enough for at least one window, plus 0 to 2 cells (some then never read).
     */
    static Arbitrary<Axis> axes() {
        Arbitrary<Integer> kernel = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> two = Arbitraries.integers().between(1, 2);
        Arbitrary<Integer> padding = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> extra = Arbitraries.integers().between(0, 2);
        return Combinators.combine(kernel, two, padding, two, extra).as((k, s, p, d, e) ->
                new Axis(Math.max(1, d * (k - 1) + 1 - 2 * p) + e, k, s, p, d));
    }

    /** A convolution over {@code axes} spatial axes, with 1 to 2 groups of 1 to 2 channels. */
    static Arbitrary<ConvCase> convCases(int spatial, boolean allowGroups) {
        Arbitrary<Integer> two = Arbitraries.integers().between(1, 2);
        Arbitrary<Integer> groups = allowGroups ? two : Arbitraries.just(1);
        return Combinators.combine(axes().list().ofSize(spatial), two, groups, two, two,
                Arbitraries.of(true, false)).flatAs((geometry, batch, g, in, out, bias) -> {
                    int[] xDims = new int[2 + spatial];
                    int[] wDims = new int[2 + spatial];
                    int[] stride = new int[spatial];
                    int[] padding = new int[spatial];
                    int[] dilation = new int[spatial];
                    xDims[0] = batch;
                    xDims[1] = g * in;
                    wDims[0] = g * out;
                    wDims[1] = in;
                    for (int d = 0; d < spatial; d++) {
                        Axis axis = geometry.get(d);
                        xDims[2 + d] = axis.size();
                        wDims[2 + d] = axis.kernel();
                        stride[d] = axis.stride();
                        padding[d] = axis.padding();
                        dilation[d] = axis.dilation();
                    }
                    ConvOptions options = ConvOptions.defaults().withStride(stride)
                            .withPadding(padding).withDilation(dilation).withGroups(g);
                    return Combinators.combine(
                            TensorArbitraries.tensors(Shape.of(xDims), -2, 2),
                            TensorArbitraries.tensors(Shape.of(wDims), -2, 2),
                            TensorArbitraries.tensors(Shape.of(g * out), -2, 2))
                            .as((x, w, b) -> new ConvCase(x, w, bias ? b : null, options));
                });
    }

    @Provide
    Arbitrary<ConvCase> conv2dCases() {
        return convCases(2, true);
    }

    @Provide
    Arbitrary<ConvCase> conv1dCases() {
        return convCases(1, true);
    }

    /** Unfold's cases: a conv2d geometry without groups (the weight only carries the kernel). */
    @Provide
    Arbitrary<ConvCase> unfoldCases() {
        return convCases(2, false);
    }

    /**
     * Transposed convolutions: per axis input 1 to 3, kernel 1 to 3, stride 1 to 3, dilation 1
     * to 2, output padding below the stride or the dilation, and padding 0 to 2 as long as the
     * output is not empty.
     */
    static Arbitrary<TransposeCase> transposeCases(int spatial) {
        Arbitrary<Integer> two = Arbitraries.integers().between(1, 2);
        Arbitrary<int[]> axis = Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 2), two, Arbitraries.integers().between(0, 2))
                .as((size, k, s, p, d, op) -> new int[] {size, k, s, p, d,
                        op % Math.max(s, d)})
                .filter(a -> (a[0] - 1) * a[2] - 2 * a[3] + a[4] * (a[1] - 1) + a[5] + 1 > 0);
        return Combinators.combine(axis.list().ofSize(spatial), two, two, two, two,
                Arbitraries.of(true, false)).flatAs((geometry, batch, g, in, out, bias) -> {
                    int[] xDims = new int[2 + spatial];
                    int[] wDims = new int[2 + spatial];
                    int[][] option = new int[4][spatial];
                    xDims[0] = batch;
                    xDims[1] = g * in;
                    wDims[0] = g * in;
                    wDims[1] = out;
                    for (int d = 0; d < spatial; d++) {
                        int[] a = geometry.get(d);
                        xDims[2 + d] = a[0];
                        wDims[2 + d] = a[1];
                        option[0][d] = a[2];
                        option[1][d] = a[3];
                        option[2][d] = a[4];
                        option[3][d] = a[5];
                    }
                    ConvTransposeOptions options = ConvTransposeOptions.defaults()
                            .withStride(option[0]).withPadding(option[1])
                            .withDilation(option[2]).withOutputPadding(option[3]).withGroups(g);
                    return Combinators.combine(
                            TensorArbitraries.tensors(Shape.of(xDims), -2, 2),
                            TensorArbitraries.tensors(Shape.of(wDims), -2, 2),
                            TensorArbitraries.tensors(Shape.of(g * out), -2, 2))
                            .as((x, w, b) -> new TransposeCase(x, w, bias ? b : null, options));
                });
    }

    @Provide
    Arbitrary<TransposeCase> convTranspose2dCases() {
        return transposeCases(2);
    }

    @Provide
    Arbitrary<TransposeCase> convTranspose1dCases() {
        return transposeCases(1);
    }

    /**
     * One pooling axis: kernel 1 to 3, stride 1 to 3, padding up to half the kernel, dilation 1
     * to 2 (max pooling only), and an input at least one window long plus 0 to 3 cells.
     */
    static Arbitrary<Axis> poolAxes(boolean dilated) {
        Arbitrary<Integer> dilation = dilated ? Arbitraries.integers().between(1, 2)
                : Arbitraries.just(1);
        return Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 1),
                dilation, Arbitraries.integers().between(0, 3)).as((k, s, p, d, e) ->
                new Axis(d * (k - 1) + 1 + e, k, s, p * (k / 2), d));
    }

    /**
     * Input {@code [2, channels, ..spatial]} with the axes' sizes: 2 channels for one spatial
     * axis, 1 for two (the planes are independent; the leading axes only multiply the work).
     */
    static Arbitrary<Tensor> poolInput(List<Axis> geometry, boolean distinct) {
        int[] dims = new int[2 + geometry.size()];
        dims[0] = 2;
        dims[1] = geometry.size() == 1 ? 2 : 1;
        for (int d = 0; d < geometry.size(); d++) {
            dims[2 + d] = geometry.get(d).size();
        }
        Shape shape = Shape.of(dims);
        if (!distinct) {
            return TensorArbitraries.tensors(shape, -2, 2);
        }
        return Arbitraries.integers().between(-400, 400).list().ofSize(shape.size())
                .uniqueElements().map(steps -> Tensor.of(
                        steps.stream().mapToDouble(step -> step * 0.01).toArray(), shape,
                        DType.FLOAT64));
    }

    static Arbitrary<PoolCase<MaxPoolOptions>> maxPoolCases(int spatial) {
        return Combinators.combine(poolAxes(true).list().ofSize(spatial),
                Arbitraries.of(true, false)).flatAs((geometry, ceil) -> {
                    int[][] option = options(geometry);
                    MaxPoolOptions options = MaxPoolOptions.of(option[0]).withStride(option[1])
                            .withPadding(option[2]).withDilation(option[3]).withCeilMode(ceil);
                    return poolInput(geometry, true).map(x -> new PoolCase<>(x, options));
                });
    }

    static Arbitrary<PoolCase<AvgPoolOptions>> avgPoolCases(int spatial) {
        return Combinators.combine(poolAxes(false).list().ofSize(spatial),
                Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 5)).flatAs((geometry, ceil, include, divisor) -> {
                    int[][] option = options(geometry);
                    AvgPoolOptions options = AvgPoolOptions.of(option[0]).withStride(option[1])
                            .withPadding(option[2]).withCeilMode(ceil)
                            .withCountIncludePad(include);
                    AvgPoolOptions chosen = divisor == 0 ? options.withDivisorOverride(3)
                            : options;
                    return poolInput(geometry, false).map(x -> new PoolCase<>(x, chosen));
                });
    }

    /** Kernel, stride, padding and dilation per axis. */
    private static int[][] options(List<Axis> geometry) {
        int[][] option = new int[4][geometry.size()];
        for (int d = 0; d < geometry.size(); d++) {
            option[0][d] = geometry.get(d).kernel();
            option[1][d] = geometry.get(d).stride();
            option[2][d] = geometry.get(d).padding();
            option[3][d] = geometry.get(d).dilation();
        }
        return option;
    }

    @Provide
    Arbitrary<PoolCase<MaxPoolOptions>> maxPool2dCases() {
        return maxPoolCases(2);
    }

    @Provide
    Arbitrary<PoolCase<MaxPoolOptions>> maxPool1dCases() {
        return maxPoolCases(1);
    }

    @Provide
    Arbitrary<PoolCase<AvgPoolOptions>> avgPool2dCases() {
        return avgPoolCases(2);
    }

    @Provide
    Arbitrary<PoolCase<AvgPoolOptions>> avgPool1dCases() {
        return avgPoolCases(1);
    }

    /** {@code [1..2, 1..2, 1..5, 1..5]} planes. */
    @Provide
    Arbitrary<Tensor> planes() {
        Arbitrary<Integer> two = Arbitraries.integers().between(1, 2);
        Arbitrary<Integer> side = Arbitraries.integers().between(1, 5);
        return Combinators.combine(two, two, side, side).flatAs((n, c, h, w) ->
                TensorArbitraries.tensors(Shape.of(n, c, h, w), -2, 2));
    }

    @Provide
    Arbitrary<Integer> outputSizes() {
        return Arbitraries.integers().between(1, 4);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<Double> probabilities() {
        return Arbitraries.of(0.0, 0.25, 0.5, 0.9);
    }
}
