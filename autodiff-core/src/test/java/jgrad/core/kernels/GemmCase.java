package jgrad.core.kernels;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A random batched product for the properties: a layout plus operands with values in [-1, 1],
 * stored with the layout's offsets, padded leading dimensions and batch strides (0 where an
 * operand is broadcast); C starts as NaN so writes outside its regions show.
 */
record GemmCase(GemmLayout layout, long seed) {

    /** Every element of stored A, B, C the layout can reach, plus a little slack. */
    int lengthA() {
        GemmLayout l = layout;
        return length(l.aOffset(), l.aStride(), l.opA().transposed() ? l.k() : l.m(), l.lda(),
                l.opA().transposed() ? l.m() : l.k());
    }

    int lengthB() {
        GemmLayout l = layout;
        return length(l.bOffset(), l.bStride(), l.opB().transposed() ? l.n() : l.k(), l.ldb(),
                l.opB().transposed() ? l.k() : l.n());
    }

    int lengthC() {
        GemmLayout l = layout;
        return length(l.cOffset(), l.cStride(), l.m(), l.ldc(), l.n());
    }

    private int length(int offset, int stride, int rows, int ld, int columns) {
        if (layout.batch() == 0 || rows == 0 || columns == 0) {
            return offset + 2;
        }
        return offset + (layout.batch() - 1) * stride + (rows - 1) * ld + columns + 2;
    }

    double[] a() {
        return values(lengthA(), seed);
    }

    double[] b() {
        return values(lengthB(), seed + 1);
    }

    double[] c() {
        double[] c = new double[lengthC()];
        Arrays.fill(c, Double.NaN);
        return c;
    }

    float[] cFloat() {
        float[] c = new float[lengthC()];
        Arrays.fill(c, Float.NaN);
        return c;
    }

    /** Values in [-1, 1], rounded to float32 so the float32 and float64 runs see the same. */
    private static double[] values(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }

    static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    static double[] abs(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.abs(values[i]);
        }
        return out;
    }

    /** Whether index {@code i} of C's array lies in some batch entry's {@code m x n} region. */
    boolean inC(int i) {
        GemmLayout l = layout;
        for (int entry = 0; entry < l.batch(); entry++) {
            int relative = i - l.cOffset() - entry * l.cStride();
            if (relative >= 0 && relative / l.ldc() < l.m() && relative % l.ldc() < l.n()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        GemmLayout l = layout;
        return String.format("%s%s batch=%d m=%d n=%d k=%d A(off %d, ld %d, stride %d) B(off %d,"
                + " ld %d, stride %d) C(off %d, ld %d, stride %d) seed %d",
                l.opA() == MatrixOp.TRANSPOSE ? "T" : "N",
                l.opB() == MatrixOp.TRANSPOSE ? "T" : "N",
                l.batch(), l.m(), l.n(), l.k(), l.aOffset(), l.lda(), l.aStride(), l.bOffset(),
                l.ldb(), l.bStride(), l.cOffset(), l.ldc(), l.cStride(), seed);
    }
}
