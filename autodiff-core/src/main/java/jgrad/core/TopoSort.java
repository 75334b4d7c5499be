package jgrad.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Orders the part of a graph that a backward pass needs: the tensors between a root and its
 * targets, inputs before the tensors made from them.
 *
 * <p>An iterative post-order depth-first search over an explicit stack of frames {@code (tensor,
 * next input)}: the depth of the graph never reaches the Java call stack, so a chain of a million
 * operations sorts with the default thread stack (micrograd PR #90 shows the recursive version
 * failing past depth 1000). Visited nodes are keyed by node id in a primitive {@link NodeIndex}.
 */
final class TopoSort {

    /**
     * The sorted tensors, and each one's position in that order by node id (negative for nodes
     * that were visited but lead to no target).
     */
    record Order(List<Tensor> tensors, NodeIndex positions) {}

    /** The mark of a node that was visited and does not lead to a target (yet). */
    private static final int VISITED = -1;

    private TopoSort() {}

    /**
     * The traced tensors reachable from {@code root} that lead to a target, in topological order.
     * The search does not descend below a target, nor into nodes outside {@code levels} (they
     * cannot lead to a target of those levels).
     */
    static Order order(Tensor root, Predicate<Node> isTarget, long levels) {
        List<Tensor> order = new ArrayList<>();
        // One index for both: VISITED while a node does not (yet) lead to a target, then its
        // position in the order once it does.
        NodeIndex marks = new NodeIndex(64);
        if (root.node() == null || (root.node().levels & levels) == 0) {
            return new Order(order, marks);
        }
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root));
        marks.put(root.node().id, VISITED);
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            Node node = frame.tensor.node();
            if (isTarget.test(node)) {
                stack.pop();
                marks.put(node.id, order.size());
                order.add(frame.tensor);
                continue;
            }
            if (frame.next < node.inputs.size()) {
                Tensor input = node.inputs.get(frame.next++);
                Node inputNode = input.node();
                if (inputNode != null && (inputNode.levels & levels) != 0
                        && !marks.contains(inputNode.id)) {
                    marks.put(inputNode.id, VISITED);
                    stack.push(new Frame(input));
                }
                continue;
            }
            stack.pop();
            for (Tensor input : node.inputs) {
                if (input.node() != null && marks.get(input.node().id) >= 0) {
                    marks.put(node.id, order.size());
                    order.add(frame.tensor);
                    break;
                }
            }
        }
        return new Order(order, marks);
    }

    private static final class Frame {
        final Tensor tensor;
        int next;

        Frame(Tensor tensor) {
            this.tensor = tensor;
        }
    }
}
