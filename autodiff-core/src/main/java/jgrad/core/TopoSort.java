package jgrad.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Orders the part of a graph that a backward pass needs: the tensors between a root and its
 * targets, inputs before the tensors made from them.
 *
 * <p>An iterative post-order depth-first search over an explicit stack of frames {@code (tensor,
 * next input)}: the depth of the graph never reaches the Java call stack, so a chain of a million
 * operations sorts with the default thread stack (micrograd PR #90 shows the recursive version
 * failing past depth 1000). Visited nodes are keyed by node id.
 */
final class TopoSort {

    /** The sorted tensors, and the ids of their nodes. */
    record Order(List<Tensor> tensors, Set<Long> ids) {}

    private TopoSort() {}

    /**
     * The traced tensors reachable from {@code root} that lead to a target, in topological order.
     * The search does not descend below a target, nor into nodes outside {@code levels} (they
     * cannot lead to a target of those levels).
     */
    static Order order(Tensor root, Predicate<Node> isTarget, long levels) {
        List<Tensor> order = new ArrayList<>();
        Set<Long> leads = new HashSet<>();
        if (root.node() == null || (root.node().levels & levels) == 0) {
            return new Order(order, leads);
        }
        Set<Long> visited = new HashSet<>();
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root));
        visited.add(root.node().id);
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            Node node = frame.tensor.node();
            if (isTarget.test(node)) {
                stack.pop();
                leads.add(node.id);
                order.add(frame.tensor);
                continue;
            }
            if (frame.next < node.inputs.size()) {
                Tensor input = node.inputs.get(frame.next++);
                Node inputNode = input.node();
                if (inputNode != null && (inputNode.levels & levels) != 0
                        && visited.add(inputNode.id)) {
                    stack.push(new Frame(input));
                }
                continue;
            }
            stack.pop();
            for (Tensor input : node.inputs) {
                if (input.node() != null && leads.contains(input.node().id)) {
                    leads.add(node.id);
                    order.add(frame.tensor);
                    break;
                }
            }
        }
        return new Order(order, leads);
    }

    private static final class Frame {
        final Tensor tensor;
        int next;

        Frame(Tensor tensor) {
            this.tensor = tensor;
        }
    }
}
