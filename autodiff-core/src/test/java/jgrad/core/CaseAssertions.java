package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

/**
 * The comparison rule of the failure cases (shared/cases/CASES.md): element by element, pass when
 * {@code |got - want| <= atol + rtol * |want|}, by default {@code 1e-12 + 1e-12 |want|}. A finite
 * expected value fails on NaN or an infinity; an infinite one needs that same infinity; NaN needs
 * NaN. Shapes must match exactly ({@code [1, 4]} is not {@code [4]}).
 */
public final class CaseAssertions {

    /** The cases' default absolute and relative tolerance. */
    public static final double DEFAULT = 1e-12;

    private CaseAssertions() {}

    /** {@code got} is within the default tolerance of {@code want}. */
    public static void assertClose(double want, double got) {
        assertClose(want, got, DEFAULT, DEFAULT, "");
    }

    /** {@code got} is within {@code atol + rtol * |want|} of {@code want}. */
    public static void assertClose(double want, double got, double atol, double rtol, String what) {
        if (Double.isNaN(want)) {
            assertTrue(Double.isNaN(got), what + ": expected NaN, got " + got);
        } else if (Double.isInfinite(want)) {
            assertEquals(want, got, what + ": expected " + want);
        } else {
            assertTrue(Double.isFinite(got), what + ": expected " + want + ", got " + got);
            double allowed = atol + rtol * Math.abs(want);
            assertTrue(Math.abs(got - want) <= allowed, String.format(
                    "%s: expected %s, got %s (error %.3e, allowed %.3e)",
                    what, want, got, Math.abs(got - want), allowed));
        }
    }

    /** A tensor of exactly {@code shape} whose elements match {@code want} (default tolerance). */
    public static void assertTensor(Tensor got, int[] shape, double... want) {
        assertTensorWithin(got, shape, DEFAULT, DEFAULT, want);
    }

    /** A tensor of exactly {@code shape} whose elements are within {@code atol + rtol |want|}. */
    public static void assertTensorWithin(Tensor got, int[] shape, double atol, double rtol,
            double... want) {
        assertEquals(Shape.of(shape), got.shape(), "shape");
        assertEquals(want.length, got.size(), "size");
        double[] values = got.toArray();
        for (int i = 0; i < want.length; i++) {
            assertClose(want[i], values[i], atol, rtol,
                    "element " + i + " of " + Arrays.toString(values));
        }
    }

    /** A scalar (shape {@code []}) within the default tolerance of {@code want}. */
    public static void assertScalar(Tensor got, double want) {
        assertTensor(got, new int[0], want);
    }

    /** Shorthand for a shape literal: {@code dims(2, 3)}. */
    public static int[] dims(int... dims) {
        return dims;
    }
}
