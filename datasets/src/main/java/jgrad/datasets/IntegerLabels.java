package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;
import jgrad.core.DType;
import jgrad.core.Tensor;

/** Labels given as an integer tensor, the alternative to {@link ImmutableIntArray}. */
final class IntegerLabels {

    private IntegerLabels() {}

    /**
     * The values of a 1-D int32 or int64 tensor.
     *
     * @param operation the caller's name, for error messages
     * @throws IllegalArgumentException if {@code labels} is not 1-D, not of an integer dtype, or
     *     holds an int64 value outside the int32 range (naming it and its index)
     */
    static ImmutableIntArray of(Tensor labels, String operation) {
        checkNotNull(labels, "labels");
        checkArgument(labels.dtype().isInteger() && labels.rank() == 1,
                "%s: labels must be an int32 or int64 tensor [n], got %s of shape %s",
                operation, labels.dtype(), labels.shape());
        if (labels.dtype() == DType.INT32) {
            return ImmutableIntArray.copyOf(labels.toIntArray());
        }
        long[] values = labels.toLongArray();
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            checkArgument(values[i] == (int) values[i],
                    "%s: label %s at index %s is outside the int32 range", operation, values[i], i);
            ints[i] = (int) values[i];
        }
        return ImmutableIntArray.copyOf(ints);
    }
}
