package jgrad.check.jqwik;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import jgrad.core.Domain;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * A configurable jqwik arbitrary of tensors: rank, dimensions (or one fixed shape), an optional
 * leading batch dimension, value range, dtype, and a {@link Domain} whose edges, excluded points
 * and kinks the values keep a margin from. Immutable: each method returns a new arbitrary.
 * Shrinks towards the smallest shape (fewest axes, dimensions towards their minimum) and then
 * towards values near 0 (or the end of the range nearest 0), staying inside the domain.
 *
 * <pre>{@code
 * @Provide Arbitrary<Tensor> positive() {
 *     return TensorArbitraries.tensors().ofRank(0, 3).between(0.1, 5);
 * }
 * @Provide Arbitrary<Tensor> reluInputs() {
 *     return TensorArbitraries.tensors().between(-3, 3).avoiding(Domain.REALS.withKinks(0));
 * }
 * @Provide Arbitrary<Tensor> batches() {
 *     return TensorArbitraries.tensors().ofShape(Shape.of(3)).batched(1, 8).dtype(FLOAT32);
 * }
 * }</pre>
 */
public final class TensorArbitrary extends ArbitraryDecorator<Tensor> {

    private final int minRank;
    private final int maxRank;
    private final int minDim;
    private final int maxDim;
    private final Optional<Shape> shape;
    private final int minBatch;
    private final int maxBatch;
    private final double low;
    private final double high;
    private final DType dtype;
    private final Domain domain;
    private final double margin;

    TensorArbitrary(int minRank, int maxRank, int minDim, int maxDim, Optional<Shape> shape,
            int minBatch, int maxBatch, double low, double high, DType dtype, Domain domain,
            double margin) {
        checkArgument(0 <= minRank && minRank <= maxRank, "tensors: bad ranks %s..%s",
                minRank, maxRank);
        checkArgument(0 <= minDim && minDim <= maxDim, "tensors: bad dimensions %s..%s",
                minDim, maxDim);
        checkArgument(0 <= minBatch && minBatch <= maxBatch, "tensors: bad batch sizes %s..%s",
                minBatch, maxBatch);
        checkArgument(low <= high && Double.isFinite(low) && Double.isFinite(high),
                "tensors: bad value range [%s, %s]", low, high);
        checkArgument(margin >= 0, "tensors: bad margin %s", margin);
        this.minRank = minRank;
        this.maxRank = maxRank;
        this.minDim = minDim;
        this.maxDim = maxDim;
        this.shape = checkNotNull(shape, "shape");
        this.minBatch = minBatch;
        this.maxBatch = maxBatch;
        this.low = low;
        this.high = high;
        this.dtype = checkNotNull(dtype, "dtype");
        this.domain = checkNotNull(domain, "domain");
        this.margin = margin;
    }

    /** Tensors of rank {@code minRank..maxRank} (default 0 to 3). */
    public TensorArbitrary ofRank(int minRank, int maxRank) {
        return new TensorArbitrary(minRank, maxRank, minDim, maxDim, Optional.empty(), minBatch,
                maxBatch, low, high, dtype, domain, margin);
    }

    /** Dimensions from {@code minDim} to {@code maxDim} (default 1 to 4; 0 allows empty tensors). */
    public TensorArbitrary dims(int minDim, int maxDim) {
        return new TensorArbitrary(minRank, maxRank, minDim, maxDim, shape, minBatch, maxBatch,
                low, high, dtype, domain, margin);
    }

    /** Tensors of exactly {@code shape} (before any batch dimension); only values shrink. */
    public TensorArbitrary ofShape(Shape shape) {
        checkNotNull(shape, "shape");
        return new TensorArbitrary(minRank, maxRank, minDim, maxDim, Optional.of(shape), minBatch,
                maxBatch, low, high, dtype, domain, margin);
    }

    /** A leading batch dimension of {@code minBatch..maxBatch} in front of each shape. */
    public TensorArbitrary batched(int minBatch, int maxBatch) {
        checkArgument(1 <= minBatch, "tensors: need a batch of at least 1, got %s", minBatch);
        return new TensorArbitrary(minRank, maxRank, minDim, maxDim, shape, minBatch, maxBatch,
                low, high, dtype, domain, margin);
    }

    /** Values in {@code [low, high]} (default [-3, 3]). */
    public TensorArbitrary between(double low, double high) {
        return new TensorArbitrary(minRank, maxRank, minDim, maxDim, shape, minBatch, maxBatch,
                low, high, dtype, domain, margin);
    }

    /** Tensors of {@code dtype} (default float64); float32 values are rounded to float. */
    public TensorArbitrary dtype(DType dtype) {
        return new TensorArbitrary(minRank, maxRank, minDim, maxDim, shape, minBatch, maxBatch,
                low, high, dtype, domain, margin);
    }

    /**
     * Values inside {@code domain} and at least the margin (default {@value
     * TensorArbitraries#KINK_MARGIN}) from its edges, excluded points and kinks.
     */
    public TensorArbitrary avoiding(Domain domain) {
        return new TensorArbitrary(minRank, maxRank, minDim, maxDim, shape, minBatch, maxBatch,
                low, high, dtype, domain, margin);
    }

    /** The distance values keep from the domain's edges, excluded points and kinks. */
    public TensorArbitrary margin(double margin) {
        return new TensorArbitrary(minRank, maxRank, minDim, maxDim, shape, minBatch, maxBatch,
                low, high, dtype, domain, margin);
    }

    /** The values drawn: the range, inside the domain with the margin. */
    public Arbitrary<Double> values() {
        double from = low;
        double to = high;
        // Cut the range to the domain's interval first, so that filtering rejects little.
        if (Double.isFinite(domain.low())) {
            from = Math.max(from, domain.low() + margin);
        }
        if (Double.isFinite(domain.high())) {
            to = Math.min(to, domain.high() - margin);
        }
        checkArgument(from <= to, "tensors: [%s, %s] leaves no values in %s with margin %s",
                low, high, domain, margin);
        Arbitrary<Double> values = TensorArbitraries.values(from, to);
        return domain.isUnrestricted() ? values
                : values.filter(value -> domain.isClear(value, margin));
    }

    /** The shapes drawn, batch dimension included. */
    public Arbitrary<Shape> shapes() {
        Arbitrary<Shape> items = shape.map(Arbitraries::just)
                .orElseGet(() -> Arbitraries.integers().between(minDim, maxDim)
                        .list().ofMinSize(minRank).ofMaxSize(maxRank)
                        .map(TensorArbitraries::shapeOf));
        if (maxBatch == 0) {
            return items;
        }
        return items.flatMap(item -> Arbitraries.integers().between(minBatch, maxBatch)
                .map(batch -> {
                    int[] dims = new int[item.rank() + 1];
                    dims[0] = batch;
                    System.arraycopy(item.dims().toArray(), 0, dims, 1, item.rank());
                    return Shape.of(dims);
                }));
    }

    @Override
    protected Arbitrary<Tensor> arbitrary() {
        Arbitrary<Double> values = values();
        return shapes().flatMap(s -> TensorArbitraries.tensors(s, values, dtype));
    }
}
