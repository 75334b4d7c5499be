package jgrad.nn.losses;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;
import jgrad.core.DType;
import jgrad.core.Tensor;

/**
 * Class labels given as a tensor, as PyTorch takes them ({@code cross_entropy}, {@code nll_loss},
 * {@code one_hot} with an {@code int64} target): the check and conversion shared by the losses
 * and metrics that take class indices. Labels must be an integer tensor ({@link
 * DType#INT32} or {@link DType#INT64}) of shape {@code [batch]}; PyTorch
 * 1.13 accepts int64 only and refuses int32 ("expected scalar type Long but found Int"), jgrad
 * accepts both. Float labels are refused, as PyTorch refuses them ("expected scalar type Long
 * but found Float"): a float tensor of class numbers is ambiguous with a target distribution,
 * so the cast must be explicit. The range ({@code 0..K-1}) is checked by the operation, which
 * knows {@code K}.
 *
 * <pre>{@code
 * jshell> Labels.toIndices("accuracy", Tensor.ofLongs(2, 0, 1))
 * $1 ==> [2, 0, 1]
 * }</pre>
 */
public final class Labels {

    private Labels() {}

    /**
     * The labels as {@code int} class indices. Shapes: {@code labels [batch]}, int32 or int64.
     *
     * @param operation names the caller in error messages
     * @throws NullPointerException if {@code labels} is null
     * @throws IllegalArgumentException if {@code labels} is not an integer tensor (naming its
     *     dtype and the cast to use), not 1-D, or holds an int64 value outside the int32 range
     *     (naming it and its index)
     */
    public static ImmutableIntArray toIndices(String operation, Tensor labels) {
        checkNotNull(labels, "%s: labels is null", operation);
        checkArgument(labels.dtype().isInteger(), "%s: labels must be class indices of dtype"
                        + " int32 or int64, got %s of shape %s; for class numbers held as floats"
                        + " use labels.cast(DType.INT64), for target distributions the [batch, K]"
                        + " form", operation, labels.dtype(), labels.shape());
        checkArgument(labels.rank() == 1, "%s: labels [batch] expected, got shape %s", operation,
                labels.shape());
        if (labels.dtype() == DType.INT32) {
            return ImmutableIntArray.copyOf(labels.toIntArray());
        }
        long[] values = labels.toLongArray();
        int[] indices = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            checkArgument(values[i] == (int) values[i], "%s: label %s at index %s is outside"
                    + " the int32 range of class indices", operation, values[i], i);
            indices[i] = (int) values[i];
        }
        return ImmutableIntArray.copyOf(indices);
    }
}
