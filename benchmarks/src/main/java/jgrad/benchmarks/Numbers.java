package jgrad.benchmarks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formatting shared by the table and the CSV file. */
final class Numbers {

    private Numbers() {}

    /** {@code value} rounded to {@code digits} significant digits, plain notation; "" for NaN. */
    static String significant(double value, int digits) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros()
                .toPlainString();
    }

    /** A threshold as written in a goal: {@code 0.9}, {@code 1}, {@code 0.25}. */
    static String plain(double value) {
        return significant(value, 6);
    }

    /**
     * A table cell: three significant digits, but whole numbers from 1000 up (so {@code 36.2},
     * {@code 0.0612}, {@code 1234}); "-" for a missing value.
     */
    static String cell(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (Math.abs(value) >= 1000) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return significant(value, 3);
    }
}
