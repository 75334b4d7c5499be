package jgrad.core;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Forward mode node by node, for graphs that hold a custom op with a declared jvp: tangents flow
 * from the leaves in topological order; a custom op's own {@link CustomOp#jvp} maps its inputs'
 * tangents to its output's, and every other operation's Jacobian-vector product is its vjp
 * transposed locally ({@code J t = d/du <vjp(u), t>}, exact because the vjp is linear in {@code
 * u}). Graphs without such an op take the cheaper whole-graph transposition in {@link Autodiff}.
 */
final class Forward {

    /** Whether a custom op's class declares a jvp of its own (overrides the default null). */
    private static final ClassValue<Boolean> DECLARES_JVP = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                Method method = type.getMethod("jvp", List.class, List.class, Tensor.class);
                return method.getDeclaringClass() != CustomOp.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    private Forward() {}

    static boolean declaresJvp(Primitive primitive) {
        return primitive instanceof CustomOp && DECLARES_JVP.get(primitive.getClass());
    }

    /**
     * The tangent of {@code output} for the given tangents of {@code leaves}, or null when the
     * order holds no custom op with a jvp of its own (the caller then transposes the pullback).
     *
     * @param output the traced output of a closed level
     * @param leaves that level's leaves, in order
     * @param tangents one tangent per leaf
     */
    static Tensor tangent(Tensor output, List<Tensor> leaves, List<Tensor> tangents, long level) {
        NodeIndex leafIndex = new NodeIndex(leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            leafIndex.put(leaves.get(i).node().id, i);
        }
        TopoSort.Order order = TopoSort.order(output,
                node -> leafIndex.contains(node.id), level);
        List<Tensor> tensors = order.tensors();
        boolean any = false;
        for (Tensor tensor : tensors) {
            any |= !tensor.node().isLeaf() && declaresJvp(tensor.node().primitive);
        }
        if (!any) {
            return null;
        }
        Tensor[] tangentAt = new Tensor[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            Tensor tensor = tensors.get(i);
            Node node = tensor.node();
            int leaf = leafIndex.get(node.id);
            if (leaf != NodeIndex.ABSENT) {
                tangentAt[i] = tangents.get(leaf);
                continue;
            }
            List<Tensor> inputTangents = new ArrayList<>(node.inputs.size());
            boolean some = false;
            for (Tensor input : node.inputs) {
                int position = input.node() == null
                        ? NodeIndex.ABSENT : order.positions().get(input.node().id);
                Tensor t = position >= 0 ? tangentAt[position] : null;
                some |= t != null;
                inputTangents.add(t);
            }
            if (!some) {
                continue; // depends on the leaves only through inputs with zero tangents
            }
            if (node.isLeaf()) {
                tangentAt[i] = inputTangents.get(0);
            } else if (declaresJvp(node.primitive)) {
                List<Tensor> filled = new ArrayList<>(inputTangents.size());
                for (int j = 0; j < inputTangents.size(); j++) {
                    Tensor t = inputTangents.get(j);
                    filled.add(t != null ? t : node.inputs.get(j).stopGradient().zerosLike());
                }
                CustomOp op = (CustomOp) node.primitive;
                Tensor jt = op.jvp(stopped(node.inputs), filled, tensor.stopGradient());
                tangentAt[i] = checkTangent(op.name(), jt, tensor);
            } else {
                tangentAt[i] = transposed(node, tensor, inputTangents);
            }
        }
        Tensor result = tangentAt[tensors.size() - 1];
        return result != null ? result : output.stopGradient().zerosLike();
    }

    /** {@code J t} of one node: the gradient over {@code u} of {@code <vjp(u), t>}. */
    private static Tensor transposed(Node node, Tensor output, List<Tensor> tangents) {
        return Autodiff.grad(u -> {
            List<Tensor> cotangents = node.primitive.vjp(u, node.inputs, output);
            Tensor total = u.mul(0.0).sum();
            for (int j = 0; j < tangents.size(); j++) {
                if (tangents.get(j) != null) {
                    total = total.add(cotangents.get(j).mul(tangents.get(j)).sum());
                }
            }
            return total;
        }, Tensor.full(1.0, output.shape(), output.dtype()));
    }

    private static List<Tensor> stopped(List<Tensor> inputs) {
        List<Tensor> plain = new ArrayList<>(inputs.size());
        for (Tensor input : inputs) {
            plain.add(input.stopGradient());
        }
        return plain;
    }

    private static Tensor checkTangent(String op, Tensor jt, Tensor output) {
        if (jt == null || !jt.shape().equals(output.shape()) || jt.dtype() != output.dtype()) {
            throw new IllegalStateException(op + ": jvp returned " + (jt == null ? "null"
                    : jt.shape() + " " + jt.dtype()) + " for an output of " + output.shape()
                    + " " + output.dtype());
        }
        return jt;
    }
}
