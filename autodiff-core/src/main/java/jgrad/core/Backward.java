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
        // Under anomaly detection: where each infinite cotangent was made (Anomaly.Origin).
        Anomaly.Origin[] origins = Anomaly.enabled() ? new Anomaly.Origin[tensors.size()] : null;
        for (int i = tensors.size() - 1; i >= 0; i--) {
            Tensor tensor = tensors.get(i);
            Node node = tensor.node();
            Tensor cotangent = cotangents[i];
            cotangents[i] = null;
            if (cotangent == null) {
                continue;
            }
            Anomaly.Origin origin = origins == null ? null : origins[i];
            if (isTarget.test(node)) {
                if (origins != null) {
                    Anomaly.checkGradient(cotangent, origin);
                }
                results.put(tensor, cotangent);
            } else if (node.isLeaf()) {
                // A leaf of an inner level stands for an outer tensor: pass the cotangent on.
                accumulate(cotangents, origins, order, node.inputs.get(0), cotangent, origin);
            } else {
                List<Anomaly.Origin> inputOrigins = null;
                ImmutableList<Tensor> inputCotangents;
                if (origins != null) {
                    Anomaly.Swept swept = Anomaly.backwardOf(node, cotangent, origin, tensor,
                            () -> node.primitive.vjp(cotangent, node.inputs, tensor));
                    inputCotangents = swept.cotangents();
                    inputOrigins = swept.origins();
                } else {
                    inputCotangents = node.primitive.vjp(cotangent, node.inputs, tensor);
                }
                if (inputCotangents.size() != node.inputs.size()) {
                    throw new IllegalStateException(node.primitive + ": vjp returned "
                            + inputCotangents.size() + " cotangents for " + node.inputs.size()
                            + " inputs");
                }
                boolean selects = node.primitive.selectsCotangents();
                for (int j = 0; j < node.inputs.size(); j++) {
                    Tensor input = node.inputs.get(j);
                    Node inputNode = input.node();
                    if (inputNode == null
                            || order.positions().get(inputNode.id) == NodeIndex.ABSENT) {
                        continue; // a constant, or not on a path to a target: never read
                    }
                    Tensor inputCotangent = checkCotangent(node, j, inputCotangents.get(j),
                            input, cotangent);
                    accumulate(cotangents, origins, order, input,
                            selects ? inputCotangent.withStrongZeros() : inputCotangent,
                            inputOrigins == null ? null : inputOrigins.get(j));
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

    /**
     * The cotangent a rule returned for input {@code j}, checked: present, of the input's shape
     * and dtype, and (for a custom op inside an enclosing differentiation) still depending on
     * what that differentiation traces.
     *
     * @throws IllegalStateException naming the operation whose rule broke the contract
     */
    private static Tensor checkCotangent(Node node, int j, Tensor result, Tensor input,
            Tensor cotangent) {
        String op = node.describe();
        if (result == null) {
            throw new IllegalStateException(op + ": vjp returned null for input " + j);
        }
        if (!result.shape().equals(input.shape()) || result.dtype() != input.dtype()) {
            throw new IllegalStateException(op + ": vjp returned a cotangent of " + result.shape()
                    + " " + result.dtype() + " for input " + j + " of " + input.shape() + " "
                    + input.dtype() + " (a broadcast input's cotangent must be summed back to"
                    + " its shape: sumTo)");
        }
        if (node.primitive instanceof CustomOp && cotangent.isTraced() && !result.isTraced()
                && Trace.liveLevels(cotangent.node()) && Kernels.containsNonZero(result)) {
            throw new IllegalStateException(op + ": vjp returned a value that does not depend on"
                    + " its cotangent, so an enclosing differentiation (grad of grad) would get 0;"
                    + " write the vjp with Tensor operations (no toArray, no Tensor.of)");
        }
        return result;
    }

    /**
     * Adds {@code cotangent} to the one {@code input} has so far; under anomaly detection
     * ({@code origins} not null) the sum carries the origin of its infinities.
     */
    private static void accumulate(Tensor[] cotangents, Anomaly.Origin[] origins,
            TopoSort.Order order, Tensor input, Tensor cotangent, Anomaly.Origin origin) {
        Node node = input.node();
        int position = node == null ? NodeIndex.ABSENT : order.positions().get(node.id);
        if (position < 0) {
            return;
        }
        Tensor previous = cotangents[position];
        Tensor sum = previous == null ? cotangent : previous.add(cotangent);
        cotangents[position] = sum;
        if (origins != null) {
            origins[position] = previous == null ? origin
                    : Anomaly.sum(node, previous, origins[position], cotangent, origin, sum);
        }
    }
}
