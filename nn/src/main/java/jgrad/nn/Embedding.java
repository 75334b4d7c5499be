package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.random.RandomGenerator;
import jgrad.core.DType;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * A lookup table of vectors (PyTorch's {@code nn.Embedding}): {@code y[..., :] = weight[index,
 * :]} for each integer index of the input.
 *
 * <p>Shapes: {@code indices [*]} (any shape, int32 or int64, values in {@code
 * 0..numEmbeddings-1}); {@code weight [numEmbeddings, dim]}; output {@code [*, dim]} in the
 * weight's dtype. The gradient with respect to the weight adds the cotangents of repeated indices
 * in their row.
 *
 * <p>Composite: {@code weight.take(indices, 0)} (the core's index selection, whose vjp
 * scatter-adds), no vjp of its own. Unlike the core's {@code take}, negative indices are refused,
 * as PyTorch's {@code nn.Embedding} refuses them.
 *
 * @param weight the table, one row per index, {@code [numEmbeddings, dim]}
 */
public record Embedding(Tensor weight) implements Layer {

    /** @throws IllegalArgumentException if the weight is not 2-D or not floating point */
    public Embedding {
        checkNotNull(weight, "embedding: weight is null");
        checkArgument(weight.rank() == 2 && weight.dtype().isFloatingPoint(),
                "embedding: weight [numEmbeddings, dim] of float64 or float32 expected, got %s %s",
                weight.shape(), weight.dtype());
    }

    /**
     * PyTorch's initial table: every entry drawn from {@code N(0, 1)}; float64.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public static Embedding init(RandomGenerator rng, int numEmbeddings, int dim) {
        checkNotNull(rng, "embedding: rng is null");
        checkArgument(numEmbeddings > 0 && dim > 0, "embedding: numEmbeddings and dim must be"
                + " positive, got %s and %s", numEmbeddings, dim);
        return new Embedding(Tensor.randn(Shape.of(numEmbeddings, dim), rng));
    }

    /** The number of rows, {@code numEmbeddings}. */
    public int numEmbeddings() {
        return weight.shape().dim(0);
    }

    /** The vector length, {@code dim}. */
    public int dim() {
        return weight.shape().dim(1);
    }

    /**
     * The rows of the weight at {@code indices}. Shapes: {@code [*]} -> {@code [*, dim]}.
     *
     * @throws IllegalArgumentException if {@code indices} is not int32 or int64, or an index is
     *     outside {@code 0..numEmbeddings-1} (naming it and its position)
     */
    @Override
    public Tensor apply(Tensor indices) {
        checkNotNull(indices, "embedding: indices is null");
        checkArgument(indices.dtype() == DType.INT32 || indices.dtype() == DType.INT64,
                "embedding: indices must be int32 or int64, got %s; cast them explicitly",
                indices.dtype());
        if (indices.dtype() == DType.INT64) {
            long[] wide = indices.toLongArray();
            for (int i = 0; i < wide.length; i++) {
                checkIndex(wide[i], i);
            }
        }
        int[] values = indices.cast(DType.INT32).toIntArray();
        for (int i = 0; i < values.length; i++) {
            checkIndex(values[i], i);
        }
        return weight.take(indices, 0);
    }

    private void checkIndex(long index, int position) {
        checkArgument(0 <= index && index < numEmbeddings(), "embedding: index %s at position %s"
                + " is outside the valid range 0..%s", index, position, numEmbeddings() - 1);
    }

    /** {@code Params{weight=[numEmbeddings, dim]}}. */
    @Override
    public Params params() {
        return Params.of("weight", weight);
    }

    /**
     * This layer with the {@code weight} of {@code params}.
     *
     * @throws IllegalArgumentException if paths or shapes differ from {@link #params()}
     */
    @Override
    public Embedding withParams(Params params) {
        ParamsChecks.checkMatches("embedding", params(), params);
        return new Embedding(params.get("weight"));
    }

    /** {@code Embedding(10, 3)}, as PyTorch prints it. */
    @Override
    public String toString() {
        return "Embedding(" + numEmbeddings() + ", " + dim() + ")";
    }
}
