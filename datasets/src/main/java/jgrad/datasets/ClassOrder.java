package jgrad.datasets;

/**
 * The order in which {@link LabelEncoder#fit(Iterable, ClassOrder)} numbers the classes it finds.
 */
public enum ClassOrder {
    /**
     * Sorted, as scikit-learn's {@code LabelEncoder} numbers classes ({@code np.unique}): by
     * numeric value when every label is a decimal number (as pandas would have parsed the column:
     * {@code 2 < 10}), otherwise by Unicode code point ({@code "Setosa" < "setosa"}).
     */
    SORTED,
    /** In the order each class first appears, as pandas' {@code factorize} numbers them. */
    FIRST_SEEN
}
