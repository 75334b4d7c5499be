package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;
import jgrad.core.Tensor;

/**
 * One-hot encoding of integer class labels and its inverse.
 *
 * <p>Labels must lie in {@code 0..numClasses-1}; an out-of-range label (negative or too large) is
 * an error naming it and the valid range, never a silent truncation or wrap-around as in NumPy's
 * {@code eye(k)[labels]}, which maps {@code -1} to class {@code k-1} (failure case C17).
 *
 * <pre>{@code
 * jshell> OneHot.encode(ImmutableIntArray.of(0, 2, 1), 3)
 * $1 ==> tensor([[1., 0., 0.],
 *         [0., 0., 1.],
 *         [0., 1., 0.]], shape=[3, 3], dtype=float64)
 * jshell> OneHot.decode($1)
 * $2 ==> [0, 2, 1]
 * }</pre>
 */
public final class OneHot {

    private OneHot() {}

    /**
     * One-hot rows for {@code labels}: {@code y[i, j] = (j == labels[i]) ? 1 : 0} (torch's {@code
     * one_hot}, Keras' {@code to_categorical}). Shapes: {@code labels [n]} -> {@code [n,
     * numClasses]}, float64.
     *
     * @throws IllegalArgumentException if {@code numClasses < 1}, or a label is outside {@code
     *     0..numClasses-1}; the message names the label, its index and the valid range
     */
    public static Tensor encode(ImmutableIntArray labels, int numClasses) {
        checkNotNull(labels, "labels");
        return Tensor.oneHot(labels, numClasses);
    }

    /**
     * One-hot rows for labels given as an int32 or int64 tensor {@code [n]}; see {@link
     * #encode(ImmutableIntArray, int)}. Shapes: {@code labels [n]} -> {@code [n, numClasses]},
     * float64.
     *
     * @throws IllegalArgumentException if {@code labels} is not a 1-D integer tensor, or as
     *     {@link #encode(ImmutableIntArray, int)}
     */
    public static Tensor encode(Tensor labels, int numClasses) {
        return Tensor.oneHot(IntegerLabels.of(labels, "oneHot"), numClasses);
    }

    /**
     * The class of each row: the column of its largest value, the first one on ties (NumPy's and
     * torch's {@code argmax}). Inverts {@link #encode} and turns logits or probabilities into
     * predicted labels. Shapes: {@code rows [n, numClasses]} -> {@code [n]}.
     *
     * @throws IllegalArgumentException if {@code rows} is not 2-D, has no columns, or a row
     *     contains NaN (naming the row)
     */
    public static ImmutableIntArray decode(Tensor rows) {
        checkNotNull(rows, "rows");
        checkArgument(rows.rank() == 2 && rows.shape().dim(1) > 0,
                "oneHot decode: rows must be [n, numClasses] with numClasses >= 1, got %s",
                rows.shape());
        int columns = rows.shape().dim(1);
        double[] values = rows.toArray();
        for (int i = 0; i < values.length; i++) {
            // argmax counts NaN as the largest; a label decoded from NaN would be meaningless.
            checkArgument(!Double.isNaN(values[i]),
                    "oneHot decode: row %s contains NaN", i / columns);
        }
        return ImmutableIntArray.copyOf(rows.argmax(1).toIntArray());
    }
}
