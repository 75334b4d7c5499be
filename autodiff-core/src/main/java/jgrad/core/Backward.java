package jgrad.core;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The reverse sweep: walks the sorted graph from the root back to the targets, calls each node's
 * vector-Jacobian product once, after all its users have contributed, and sums the contributions
 * to tensors used more than once. Cotangents live in a local array, by position in the order, and
 * are dropped as soon as they are consumed; nothing is written onto tensors or nodes.
 *
 * <p>The rules run with whatever levels are active when the sweep runs: outside every {@link
 * Autodiff} call they compute plain values; inside one they are recorded, so the gradient can be
 * differentiated again.
 */
final class Backward {

    private Backward() {}

    /**
     * The cotangent reaching each target from {@code root} seeded with {@code seed}; targets the
     * root does not depend on are absent.
     */
    static Map<Tensor, Tensor> sweep(
            Tensor root, Tensor seed, Predicate<Node> isTarget, long levels) {
        TopoSort.Order order = TopoSort.order(root, isTarget, levels);
        Map<Tensor, Tensor> results = new HashMap<>();
        List<Tensor> tensors = order.tensors();
        if (tensors.isEmpty()) {
            return results;
        }
        // Cotangents by position in the order; each is released once its node is processed.
        Tensor[] cotangents = new Tensor[tensors.size()];
        cotangents[tensors.size() - 1] = seed;
        for (int i = tensors.size() - 1; i >= 0; i--) {
            Tensor tensor = tensors.get(i);
            Node node = tensor.node();
            Tensor cotangent = cotangents[i];
            cotangents[i] = null;
            if (cotangent == null) {
                continue;
            }
            if (isTarget.test(node)) {
                results.put(tensor, cotangent);
            } else if (node.isLeaf()) {
                // A leaf of an inner level stands for an outer tensor: pass the cotangent on.
                accumulate(cotangents, order, node.inputs.get(0), cotangent);
            } else {
                ImmutableList<Tensor> inputCotangents = Anomaly.enabled()
                        ? Anomaly.backwardOf(node, cotangent, tensor,
                                () -> node.primitive.vjp(cotangent, node.inputs, tensor))
                        : node.primitive.vjp(cotangent, node.inputs, tensor);
                if (inputCotangents.size() != node.inputs.size()) {
                    throw new IllegalStateException(node.primitive + ": vjp returned "
                            + inputCotangents.size() + " cotangents for " + node.inputs.size()
                            + " inputs");
                }
                boolean selects = node.primitive.selectsCotangents();
                for (int j = 0; j < node.inputs.size(); j++) {
                    Tensor inputCotangent = inputCotangents.get(j);
                    accumulate(cotangents, order, node.inputs.get(j),
                            selects ? inputCotangent.withStrongZeros() : inputCotangent);
                }
            }
        }
        return results;
    }

    /**
     * The tape style: gradients of {@code root} for every {@code requiresGrad()} leaf. The sweep
     * runs with the tape level off, so it records nothing of its own; enclosing {@link Autodiff}
     * levels stay on, so inside one the gradients remain differentiable by it.
     */
    static Gradients tape(Tensor root) {
        Map<Tensor, Tensor> results = Trace.current().withoutTape(() -> sweep(
                root, root.stopGradient().onesLike(),
                node -> node.isLeaf() && node.leafLevel == Trace.TAPE, Trace.TAPE));
        return new Gradients(ImmutableMap.copyOf(results));
    }

    private static void accumulate(
            Tensor[] cotangents, TopoSort.Order order, Tensor input, Tensor cotangent) {
        Node node = input.node();
        int position = node == null ? NodeIndex.ABSENT : order.positions().get(node.id);
        if (position < 0) {
            return;
        }
        if (!cotangent.shape().equals(input.shape())) {
            throw new IllegalStateException("backward: cotangent of shape " + cotangent.shape()
                    + " for an input of shape " + input.shape() + " made by " + node.describe());
        }
        Tensor previous = cotangents[position];
        cotangents[position] = previous == null ? cotangent : previous.add(cotangent);
    }
}
