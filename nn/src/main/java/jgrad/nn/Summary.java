package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Strings;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * A model summary for one input shape, as {@code torchinfo.summary(model, input_size)} or
 * Keras's {@code model.summary()}: each layer with its path, its output shape and its parameter
 * count, then the totals. The model runs once in evaluation mode ({@link Layer#apply}) on zeros
 * of the input shape, so the shapes are the real ones and a shape mismatch fails here with the
 * layer's own message.
 *
 * <p>{@link Sequential} and {@link Residual} are opened: their layers get rows of their own one
 * level deeper (the top-level {@code Sequential} itself has none), and their own row counts
 * everything inside. Any other layer is one row.
 *
 * <pre>{@code
 * jshell> System.out.println(Summary.of(Mlp.init(new SplittableRandom(0), 4, 16, 3), 32, 4));
 * Layer (path)                             Output shape          Params
 * =====================================================================
 * input                                    [32, 4]
 * Linear[in=4, out=16, dtype=float64] (0)  [32, 16]                  80
 * ReLU (1)                                 [32, 16]                   0
 * Linear[in=16, out=3, dtype=float64] (2)  [32, 3]                   51
 * =====================================================================
 * Total params: 131
 * }</pre>
 *
 * @param inputShape  the shape the model was run on, batch first
 * @param rows        one per layer, in the order they run
 * @param totalParams the model's parameter count ({@code params().numElements()})
 * @param totalState  the model's state element count (running statistics; not trained)
 */
public record Summary(Shape inputShape, ImmutableList<Row> rows, long totalParams,
        long totalState) {

    /**
     * One layer.
     *
     * @param depth       0 for the model's own layers, 1 inside a nested container, ...
     * @param path        the layer's prefix in {@code params()}: {@code "0"}, {@code "3.body.1"}
     * @param layer       the layer's one-line description (a container's type name)
     * @param outputShape its output shape for the summary's input
     * @param params      its parameter count, including layers inside it
     * @param state       its state element count, including layers inside it
     */
    public record Row(int depth, String path, String layer, Shape outputShape, long params,
            long state) {

        /** @throws NullPointerException if a text or the shape is null */
        public Row {
            checkNotNull(path, "summary: path is null");
            checkNotNull(layer, "summary: layer is null");
            checkNotNull(outputShape, "summary: outputShape is null");
        }
    }

    /** @throws NullPointerException if an argument is null */
    public Summary {
        checkNotNull(inputShape, "summary: inputShape is null");
        checkNotNull(rows, "summary: rows is null");
    }

    /**
     * The summary of {@code model} for an input of {@code inputShape} (batch first), zeros in the
     * dtype of the model's parameters (float64 if it has none). For integer inputs (an {@link
     * Embedding} first) use {@link #of(Layer, Tensor)}.
     *
     * @throws IllegalArgumentException if the shape does not fit the model, from the first layer
     *     it does not fit
     */
    public static Summary of(Layer model, int... inputShape) {
        checkNotNull(model, "summary: model is null");
        DType dtype = DType.FLOAT64;
        for (Tensor parameter : model.params().asMap().values()) {
            dtype = parameter.dtype();
            break;
        }
        return of(model, Tensor.zeros(Shape.of(inputShape), dtype));
    }

    /**
     * The summary of {@code model} for {@code input} (its shape and dtype matter, not its
     * values).
     *
     * @throws IllegalArgumentException if the input does not fit the model
     */
    public static Summary of(Layer model, Tensor input) {
        checkNotNull(model, "summary: model is null");
        checkNotNull(input, "summary: input is null");
        List<Row> rows = new ArrayList<>();
        if (model instanceof Sequential sequential) {
            walkChildren(sequential, "", 0, input, rows);
        } else {
            walk(model, "", 0, input, rows);
        }
        return new Summary(input.shape(), ImmutableList.copyOf(rows),
                model.params().numElements(), model.state().numElements());
    }

    private static Tensor walkChildren(Sequential sequential, String prefix, int depth,
            Tensor input, List<Row> rows) {
        Tensor x = input;
        for (int i = 0; i < sequential.layers().size(); i++) {
            x = walk(sequential.layers().get(i), join(prefix, String.valueOf(i)), depth, x, rows);
        }
        return x;
    }

    private static Tensor walk(Layer layer, String path, int depth, Tensor x, List<Row> rows) {
        long params = layer.params().numElements();
        long state = layer.state().numElements();
        if (layer instanceof Sequential sequential) {
            int at = rows.size();
            rows.add(null);
            Tensor y = walkChildren(sequential, path, depth + 1, x, rows);
            rows.set(at, new Row(depth, path, "Sequential", y.shape(), params, state));
            return y;
        }
        if (layer instanceof Residual residual) {
            int at = rows.size();
            rows.add(null);
            Tensor main = walk(residual.body(), join(path, "body"), depth + 1, x, rows);
            Tensor skip = walk(residual.shortcut(), join(path, "shortcut"), depth + 1, x, rows);
            checkArgument(main.shape().equals(skip.shape()), "summary: residual %s: body output"
                    + " %s and shortcut output %s differ", path, main.shape(), skip.shape());
            rows.set(at, new Row(depth, path, "Residual", main.shape(), params, state));
            return main.add(skip);
        }
        Tensor y = layer.apply(x);
        rows.add(new Row(depth, path, layer.toString().replace('\n', ' '), y.shape(), params,
                state));
        return y;
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /**
     * The table: a header, the input, one line per layer (indented by depth; the layer column is
     * as wide as the longest description up to 72 characters, and a longer one gets a line of its
     * own), and the totals with thousands separators.
     */
    @Override
    public String toString() {
        int layerWidth = 24;
        for (Row row : rows) {
            layerWidth = Math.max(layerWidth, label(row).length());
        }
        layerWidth = Math.min(layerWidth, 72);
        int shapeWidth = Math.max(14, inputShape.toString().length());
        for (Row row : rows) {
            shapeWidth = Math.max(shapeWidth, row.outputShape().toString().length());
        }
        int width = layerWidth + 2 + shapeWidth + 2 + 12;
        StringBuilder out = new StringBuilder();
        line(out, "Layer (path)", layerWidth, "Output shape", shapeWidth, "Params");
        out.append(Strings.repeat("=", width)).append('\n');
        line(out, "input", layerWidth, inputShape.toString(), shapeWidth, "");
        for (Row row : rows) {
            String label = label(row);
            if (label.length() > layerWidth) {
                out.append(label).append('\n');
                label = "";
            }
            line(out, label, layerWidth, row.outputShape().toString(), shapeWidth,
                    String.format(Locale.ROOT, "%,d", row.params()));
        }
        out.append(Strings.repeat("=", width)).append('\n');
        out.append(String.format(Locale.ROOT, "Total params: %,d", totalParams));
        if (totalState > 0) {
            out.append(String.format(Locale.ROOT,
                    "\nNon-trainable state (running statistics): %,d", totalState));
        }
        return out.toString();
    }

    private static String label(Row row) {
        return Strings.repeat("  ", row.depth()) + row.layer()
                + (row.path().isEmpty() ? "" : " (" + row.path() + ")");
    }

    private static void line(StringBuilder out, String label, int labelWidth, String shape,
            int shapeWidth, String params) {
        String text = Strings.padEnd(label, labelWidth, ' ') + "  "
                + Strings.padEnd(shape, shapeWidth, ' ') + "  " + Strings.padStart(params, 12, ' ');
        out.append(text.stripTrailing()).append('\n');
    }
}
