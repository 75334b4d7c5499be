package jgrad.datasets.io;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * What {@link Csv} does with a missing cell: an empty field or one of the {@linkplain
 * CsvOptions#naValues() NA strings} ({@code NA}, {@code NaN}, {@code null}, ... as pandas'
 * {@code read_csv} recognises them).
 *
 * <ul>
 *   <li>{@link #fail()} (the default): refuse the file, naming the line, row and column of the
 *       missing cells (the first ten, and how many there are in all).
 *   <li>{@link #keepNaN()}: read a missing feature as NaN, as pandas does.
 *   <li>{@link #dropRows()}: leave out every row with a missing cell, as pandas' {@code dropna()}.
 *   <li>{@link #fill(double)}: a constant, as {@code fillna(value)}.
 *   <li>{@link #columnMean()} and {@link #columnMedian()}: the mean or median of the column's
 *       present values in this file, as {@code fillna(df.mean())} and {@code
 *       fillna(df.median())}. These statistics come from the whole file, all splits together; to
 *       fit them on the training split only, read with {@link #keepNaN()} and fill after
 *       splitting.
 * </ul>
 *
 * <p>A missing label is always an error except under {@link #dropRows()}: there is no sensible
 * class to fill in.
 */
public sealed interface MissingValues {

    /** Refuse the file, naming the missing cells. */
    record Fail() implements MissingValues {}

    /** Read missing features as NaN. */
    record KeepNaN() implements MissingValues {}

    /** Leave out rows with a missing cell. */
    record DropRows() implements MissingValues {}

    /**
     * Fill missing features with {@code value}.
     *
     * @param value the value filled in; finite
     */
    record Fill(double value) implements MissingValues {
        /** @throws IllegalArgumentException if {@code value} is NaN or infinite */
        public Fill {
            checkArgument(Double.isFinite(value), "missing fill: value must be finite, got %s",
                    value);
        }
    }

    /** Fill missing features with the mean of the column's present values. */
    record ColumnMean() implements MissingValues {}

    /** Fill missing features with the median of the column's present values. */
    record ColumnMedian() implements MissingValues {}

    /** Refuse the file, naming the missing cells (the default). */
    static MissingValues fail() {
        return new Fail();
    }

    /** Read missing features as NaN, as pandas does. */
    static MissingValues keepNaN() {
        return new KeepNaN();
    }

    /** Leave out rows with a missing cell, as pandas' {@code dropna()}. */
    static MissingValues dropRows() {
        return new DropRows();
    }

    /** Fill missing features with {@code value}, as pandas' {@code fillna(value)}. */
    static MissingValues fill(double value) {
        return new Fill(value);
    }

    /** Fill missing features with their column's mean over the file. */
    static MissingValues columnMean() {
        return new ColumnMean();
    }

    /** Fill missing features with their column's median over the file. */
    static MissingValues columnMedian() {
        return new ColumnMedian();
    }
}
