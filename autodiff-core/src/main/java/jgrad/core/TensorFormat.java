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
        double[] data = tensor.toArray();
        Shape shape = tensor.shape();
        if (shape.rank() == 0) {
            out.append(integerText(tensor, 0) != null
                    ? integerText(tensor, 0) : scalar(data[0], tensor.dtype()));
        } else if (shape.size() == 0) {
            // As NumPy and PyTorch: no elements print as [] whatever the rank; the shape follows.
            out.append("[]");
        } else {
            boolean summarise = data.length > THRESHOLD;
            String[] text = new String[data.length];
            int width = 0;
            for (int i = 0; i < data.length; i++) {
                String integer = integerText(tensor, i);
                text[i] = integer != null ? integer : number(data[i], tensor.dtype());
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

    /** Element {@code i} of an integer tensor, exactly (int64 included); null for floats. */
    private static String integerText(Tensor tensor, int i) {
        Object storage = tensor.storage();
        if (storage instanceof int[]) {
            return Integer.toString(((int[]) storage)[i]);
        }
        if (storage instanceof long[]) {
            return Long.toString(((long[]) storage)[i]);
        }
        return null;
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

    /**
     * A scalar at full precision (the shortest text that reads back to the same value, as NumPy's
     * {@code repr}): {@code 0.7864477329659274}, {@code 1e-300}, {@code nan}.
     */
    private static String scalar(double value, DType dtype) {
        if (!Double.isFinite(value)) {
            return special(value);
        }
        String text = dtype == DType.FLOAT32
                ? Float.toString((float) value) : Double.toString(value);
        int e = text.indexOf('E');
        if (e < 0) {
            return text;
        }
        String mantissa = text.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        String exponent = text.substring(e + 1);
        return mantissa + "e" + (exponent.startsWith("-") ? exponent : "+" + exponent);
    }

    /**
     * An array element as NumPy prints one: at most 8 significant digits; whole numbers as {@code
     * 3.}; plain notation for magnitudes in {@code [1e-4, 1e8)}, scientific ({@code 1.5e-07})
     * outside.
     */
    private static String number(double value, DType dtype) {
        if (!Double.isFinite(value)) {
            return special(value);
        }
        // Float32 starts from its shortest binary32 text, as NumPy: 0.4f prints as 0.4, not as
        // the 8 digits of its float64 value 0.4000000059604645.
        BigDecimal exact = dtype == DType.FLOAT32
                ? new BigDecimal(Float.toString((float) value)) : new BigDecimal(value);
        double magnitude = Math.abs(value);
        if (magnitude == 0 || magnitude >= 1e-4 && magnitude < 1e8) {
            BigDecimal rounded = exact.round(new MathContext(PRECISION)).stripTrailingZeros();
            String text = rounded.toPlainString();
            boolean negativeZero = value == 0 && 1 / value < 0;
            return (negativeZero ? "-" : "") + (text.contains(".") ? text : text + ".");
        }
        BigDecimal rounded = exact.round(new MathContext(PRECISION));
        BigDecimal unscaled = new BigDecimal(rounded.unscaledValue())
                .movePointLeft(rounded.precision() - 1).stripTrailingZeros();
        int exponent = rounded.precision() - 1 - rounded.scale();
        String mantissa = unscaled.toPlainString();
        return (mantissa.contains(".") ? mantissa : mantissa + ".")
                + String.format("e%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
    }

    private static String special(double value) {
        return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
    }
}
