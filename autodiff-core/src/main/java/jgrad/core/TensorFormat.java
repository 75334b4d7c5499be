package jgrad.core;

import java.math.BigDecimal;
import java.math.MathContext;

/** NumPy-like text for tensors: aligned columns, nested brackets, summarised when long. */
final class TensorFormat {

    /** Tensors with more elements than this show only {@link #EDGE} values per axis end. */
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;
    private static final int PRECISION = 8;

    private TensorFormat() {}

    static String format(Tensor tensor, String op) {
        StringBuilder out = new StringBuilder("tensor(");
        double[] data = tensor.data();
        Shape shape = tensor.shape();
        if (shape.rank() == 0) {
            out.append(Double.toString(data[0]));
        } else {
            boolean summarise = data.length > THRESHOLD;
            String[] text = new String[data.length];
            int width = 0;
            for (int i = 0; i < data.length; i++) {
                text[i] = number(data[i]);
                width = Math.max(width, text[i].length());
            }
            appendAxis(out, shape, text, width, 0, 0, summarise, "tensor(".length());
        }
        if (shape.rank() > 0 && shape.size() == 0 || shape.rank() > 1 && shape.size() > 0) {
            out.append(", shape=").append(shape);
        }
        out.append(", dtype=").append(tensor.dtype());
        if (op != null) {
            out.append(", op=").append(op);
        }
        return out.append(')').toString();
    }

    private static void appendAxis(StringBuilder out, Shape shape, String[] text, int width,
            int axis, int offset, boolean summarise, int indent) {
        int n = shape.dim(axis);
        int stride = 1;
        for (int d = axis + 1; d < shape.rank(); d++) {
            stride *= shape.dim(d);
        }
        out.append('[');
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) {
                out.append(axis == shape.rank() - 1
                        ? "..., " : "...,\n" + " ".repeat(indent + axis + 1));
                i = n - EDGE - 1;
                continue;
            }
            if (axis == shape.rank() - 1) {
                String value = text[offset + i];
                out.append(" ".repeat(width - value.length())).append(value);
            } else {
                appendAxis(out, shape, text, width, axis + 1, offset + i * stride, summarise,
                        indent);
            }
            if (i < n - 1) {
                out.append(axis == shape.rank() - 1 ? ", "
                        : "," + "\n".repeat(shape.rank() - 1 - axis)
                                + " ".repeat(indent + axis + 1));
            }
        }
        out.append(']');
    }

    /** At most 8 significant digits, integers as {@code 3.}, as NumPy prints them. */
    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e16) {
            return (value == 0 && 1 / value < 0 ? "-" : "") + (long) value + ".";
        }
        String text = new BigDecimal(value).round(new MathContext(PRECISION)).stripTrailingZeros()
                .toString();
        return text.replace("E+", "e+").replace("E-", "e-");
    }
}
