package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorded graph behind a traced tensor, for reading and teaching: every operation and leaf
 * it depends on, inputs before the values made from them, as text ({@link #toString()}) or as
 * Graphviz DOT ({@link #toDot()}: {@code dot -Tpng graph.dot -o graph.png}).
 *
 * <pre>{@code
 * jshell> var w = Tensor.of(1, 2).requiresGrad();
 * jshell> Graph.of(w.mul(w).sum())
 * $2 ==> %0 = leaf [2] float64
 *        %1 = mul(%0, %0) [2] float64
 *        %2 = reduceSum[axes=[0]](%1) [] float64
 * }</pre>
 *
 * @param nodes the operations and leaves, inputs first; the last is the tensor the graph is of
 */
public record Graph(ImmutableList<Entry> nodes) {

    /**
     * One value in the graph.
     *
     * @param index its position, {@code %index} in the text
     * @param op the primitive (with its parameters) or {@code leaf}
     * @param inputs the indices of its traced inputs; constants are not listed
     * @param shape its shape
     * @param dtype its dtype
     * @param constants how many of its inputs are constants (untraced)
     */
    public record Entry(int index, String op, ImmutableList<Integer> inputs, Shape shape,
            DType dtype, int constants) {}

    /**
     * The graph of {@code tensor}.
     *
     * @throws IllegalArgumentException if the tensor is not traced (it has no graph)
     */
    public static Graph of(Tensor tensor) {
        checkNotNull(tensor, "graph: tensor is null");
        checkArgument(tensor.isTraced(), "graph: the tensor is not traced, so it has no graph;"
                + " use requiresGrad() or call Graph.of inside an Autodiff function");
        List<Tensor> order = new ArrayList<>();
        NodeIndex index = new NodeIndex(64);
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {tensor, 0});
        index.put(tensor.node().id, -1);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor current = (Tensor) frame[0];
            int next = (Integer) frame[1];
            ImmutableList<Tensor> inputs = current.node().isLeaf()
                    ? ImmutableList.of() : current.node().inputs;
            if (next < inputs.size()) {
                frame[1] = next + 1;
                Tensor input = inputs.get(next);
                if (input.node() != null && !index.contains(input.node().id)) {
                    index.put(input.node().id, -1);
                    stack.push(new Object[] {input, 0});
                }
                continue;
            }
            stack.pop();
            index.put(current.node().id, order.size());
            order.add(current);
        }
        ImmutableList.Builder<Entry> entries = ImmutableList.builder();
        for (int i = 0; i < order.size(); i++) {
            Tensor value = order.get(i);
            Node node = value.node();
            ImmutableList.Builder<Integer> inputs = ImmutableList.builder();
            int constants = 0;
            if (!node.isLeaf()) {
                for (Tensor input : node.inputs) {
                    if (input.node() != null) {
                        inputs.add(index.get(input.node().id));
                    } else {
                        constants++;
                    }
                }
            }
            entries.add(new Entry(i, node.describe(), inputs.build(), value.shape(),
                    value.dtype(), constants));
        }
        return new Graph(entries.build());
    }

    /** Graphviz DOT: a node per value (op and shape), an edge from each input to its user. */
    public String toDot() {
        StringBuilder out = new StringBuilder("digraph jgrad {\n  rankdir=BT;\n"
                + "  node [shape=box, fontname=\"monospace\"];\n");
        for (Entry entry : nodes) {
            out.append("  n").append(entry.index()).append(" [label=\"")
                    .append(escape(entry.op())).append("\\n").append(entry.shape()).append(' ')
                    .append(entry.dtype()).append('"')
                    .append(entry.op().equals("leaf") ? ", style=rounded" : "").append("];\n");
            for (int input : entry.inputs()) {
                out.append("  n").append(input).append(" -> n").append(entry.index())
                        .append(";\n");
            }
        }
        return out.append("}\n").toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** One line per value: {@code %2 = Mul[](%0, %1) [2, 3] float64}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Entry entry : nodes) {
            out.append('%').append(entry.index()).append(" = ").append(entry.op());
            if (!entry.op().equals("leaf")) {
                out.append('(');
                String separator = "";
                for (int input : entry.inputs()) {
                    out.append(separator).append('%').append(input);
                    separator = ", ";
                }
                for (int c = 0; c < entry.constants(); c++) {
                    out.append(separator).append("const");
                    separator = ", ";
                }
                out.append(')');
            }
            out.append(' ').append(entry.shape()).append(' ').append(entry.dtype()).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
