package jgrad.check.jqwik;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Optional;
import jgrad.core.Domain;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

/**
 * jqwik arbitraries of tensors for gradient properties, in your own test suite as in jgrad's:
 * float64 (or float32) tensors of rank 0 to 3 and dimensions 1 to 4 by default (at most 64
 * elements, so every gradient check compares every element), values in a range, off kinks and
 * inside domains ({@link Domain}), broadcast-compatible pairs, matmul pairs and batches. jqwik
 * shrinks a failing tensor to the smallest shape, then to the smallest values, that still fail.
 *
 * <p>jqwik is an optional dependency of autodiff-core: add {@code net.jqwik:jqwik} to your test
 * scope to use this package.
 *
 * <pre>{@code
 * @Property
 * void myLossGradientAgrees(@ForAll("inputs") Tensor x) {
 *     GradCheck.assertVjpMatches(MyModel::loss, x, Tolerance.FLOAT64);
 * }
 * @Provide Arbitrary<Tensor> inputs() { return TensorArbitraries.tensors(0, 3, -3, 3); }
 * @Provide Arbitrary<Tensor> positive() { return TensorArbitraries.tensors(0, 3, 0.1, 5); }
 * @Provide Arbitrary<Tensor> reluInputs() {
 *     return TensorArbitraries.tensors().avoiding(Domain.REALS.withKinks(0));
 * }
 * }</pre>
 */
public final class TensorArbitraries {

    /** The largest dimension drawn. */
    public static final int MAX_DIM = 4;
    /**
     * How far {@link #offKinks} values stay from 0: the gradient check's step is {@code 1e-5 *
     * max(1, |x|)}, so for {@code |x| <= 100} a central difference never straddles the kink.
     */
    public static final double KINK_MARGIN = 1e-3;
    /** The smallest difference between two values of {@link #distinct}. */
    public static final double TIE_GAP = 1e-2;

    private TensorArbitraries() {}

    /**
     * A configurable arbitrary: rank 0 to 3, dimensions 1 to {@value #MAX_DIM}, values in [-3,
     * 3], float64, no domain; see {@link TensorArbitrary} for the options.
     */
    public static TensorArbitrary tensors() {
        return new TensorArbitrary(0, 3, 1, MAX_DIM, Optional.empty(), 0, 0, -3, 3,
                DType.FLOAT64, Domain.REALS, KINK_MARGIN);
    }

    /** Shapes of rank {@code minRank..maxRank} with dimensions 1 to {@value #MAX_DIM}. */
    public static Arbitrary<Shape> shapes(int minRank, int maxRank) {
        checkArgument(0 <= minRank && minRank <= maxRank,
                "shapes: bad ranks %s..%s", minRank, maxRank);
        return Arbitraries.integers().between(1, MAX_DIM)
                .list().ofMinSize(minRank).ofMaxSize(maxRank)
                .map(TensorArbitraries::shapeOf);
    }

    /** Values spread uniformly over {@code [low, high]}. */
    public static Arbitrary<Double> values(double low, double high) {
        return Arbitraries.doubles().between(low, high).ofScale(6)
                .withDistribution(RandomDistribution.uniform());
    }

    /** Values of {@code [low, high]} with {@code |x| >= }{@value #KINK_MARGIN}. */
    public static Arbitrary<Double> valuesOffKinks(double low, double high) {
        return values(low, high).filter(value -> Math.abs(value) >= KINK_MARGIN);
    }

    /** Float64 tensors of {@code shape} whose elements are drawn from {@code values}. */
    public static Arbitrary<Tensor> tensors(Shape shape, Arbitrary<Double> values) {
        return tensors(shape, values, DType.FLOAT64);
    }

    /** Tensors of {@code shape} and {@code dtype} whose elements are drawn from {@code values}. */
    public static Arbitrary<Tensor> tensors(Shape shape, Arbitrary<Double> values, DType dtype) {
        return values.list().ofSize(shape.size()).map(list -> Tensor.of(
                list.stream().mapToDouble(Double::doubleValue).toArray(), shape, dtype));
    }

    /** Values of {@code [low, high]} inside {@code domain}, {@code margin} from its edges and kinks. */
    public static Arbitrary<Double> values(double low, double high, Domain domain,
            double margin) {
        return tensors().between(low, high).avoiding(domain).margin(margin).values();
    }

    /**
     * Batches {@code [batch] ++ itemShape}, {@code batch} in {@code minBatch..maxBatch}, values in
     * {@code [low, high]}: inputs of layers and losses.
     */
    public static Arbitrary<Tensor> batches(int minBatch, int maxBatch, Shape itemShape,
            double low, double high) {
        return tensors().ofShape(itemShape).batched(minBatch, maxBatch).between(low, high);
    }

    /** Tensors of {@code shape} with values in {@code [low, high]}. */
    public static Arbitrary<Tensor> tensors(Shape shape, double low, double high) {
        return tensors(shape, values(low, high));
    }

    /** Tensors of rank {@code minRank..maxRank} with values in {@code [low, high]}. */
    public static Arbitrary<Tensor> tensors(int minRank, int maxRank, double low, double high) {
        return shapes(minRank, maxRank).flatMap(shape -> tensors(shape, low, high));
    }

    /** Matrices {@code [m, n]}, {@code m, n} in 1 to {@value #MAX_DIM}, values in the range. */
    public static Arbitrary<Tensor> matrices(double low, double high) {
        return tensors(2, 2, low, high);
    }

    /**
     * As {@link #tensors(int, int, double, double)}, with every {@code |x| >= }{@value
     * #KINK_MARGIN}: for relu, abs and other {@code Less}-based ops.
     */
    public static Arbitrary<Tensor> offKinks(int minRank, int maxRank, double low, double high) {
        return shapes(minRank, maxRank).flatMap(shape -> tensors(shape, valuesOffKinks(low, high)));
    }

    /**
     * Tensors whose values are pairwise at least {@value #TIE_GAP} apart (multiples of it in
     * {@code [low, high]}): no near-ties for max, whatever the axis.
     */
    public static Arbitrary<Tensor> distinct(int minRank, int maxRank, double low, double high) {
        int first = (int) Math.ceil(low / TIE_GAP);
        int last = (int) Math.floor(high / TIE_GAP);
        checkArgument(last - first + 1 >= Math.pow(MAX_DIM, maxRank),
                "distinct: [%s, %s] holds too few values for rank %s", low, high, maxRank);
        return shapes(minRank, maxRank).flatMap(shape -> Arbitraries.integers().between(first, last)
                .list().ofSize(shape.size()).uniqueElements()
                .map(steps -> Tensor.of(
                        steps.stream().mapToDouble(step -> step * TIE_GAP).toArray(),
                        shape, DType.FLOAT64)));
    }

    /**
     * Shapes that broadcast to {@code shape}: some dimensions set to 1, some leading ones dropped.
     */
    public static Arbitrary<Shape> broadcastPartners(Shape shape) {
        int rank = shape.rank();
        return Combinators.combine(
                        Arbitraries.of(true, false).list().ofSize(rank),
                        Arbitraries.integers().between(0, rank))
                .as((setToOne, dropped) -> {
                    int[] dims = new int[rank - dropped];
                    for (int i = 0; i < dims.length; i++) {
                        dims[i] = setToOne.get(i + dropped) ? 1 : shape.dim(i + dropped);
                    }
                    return Shape.of(dims);
                });
    }

    /**
     * Pairs whose shapes are two {@link #broadcastPartners} of one shape of rank 0 to 3, so that
     * each operand may be broadcast along some axes; {@code a} from {@code aValues}, {@code b}
     * from {@code bValues}.
     */
    public static Arbitrary<TensorPair> broadcastPairs(
            Arbitrary<Double> aValues, Arbitrary<Double> bValues) {
        return shapes(0, 3).flatMap(shape -> Combinators
                .combine(broadcastPartners(shape), broadcastPartners(shape))
                .flatAs((aShape, bShape) -> Combinators
                        .combine(tensors(aShape, aValues), tensors(bShape, bValues))
                        .as(TensorPair::new)));
    }

    /** {@link #broadcastPairs(Arbitrary, Arbitrary)} with both values in {@code [low, high]}. */
    public static Arbitrary<TensorPair> broadcastPairs(double low, double high) {
        return broadcastPairs(values(low, high), values(low, high));
    }

    /** Pairs {@code a [m, k]}, {@code b [k, n]} with {@code m, k, n} in 1 to {@value #MAX_DIM}. */
    public static Arbitrary<TensorPair> matmulPairs(double low, double high) {
        Arbitrary<Integer> dims = Arbitraries.integers().between(1, MAX_DIM);
        return Combinators.combine(dims, dims, dims).flatAs((m, k, n) -> Combinators
                .combine(tensors(Shape.of(m, k), low, high), tensors(Shape.of(k, n), low, high))
                .as(TensorPair::new));
    }

    static Shape shapeOf(List<Integer> dims) {
        return Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
    }
}
