package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;

/**
 * The gradients returned by {@link Tensor#backward()}: for each {@link Tensor#requiresGrad()} leaf
 * the scalar depends on, a tensor of the leaf's shape. Immutable; keyed by tensor identity.
 */
public final class Gradients {

    private final ImmutableMap<Tensor, Tensor> byLeaf;

    Gradients(ImmutableMap<Tensor, Tensor> byLeaf) {
        this.byLeaf = byLeaf;
    }

    /**
     * The gradient with respect to {@code leaf}; zeros of its shape if the scalar does not depend
     * on it.
     *
     * @throws IllegalArgumentException if {@code leaf} was not made by {@link
     *     Tensor#requiresGrad()}
     */
    public Tensor get(Tensor leaf) {
        Node node = leaf.node();
        checkArgument(node != null && node.isLeaf() && (node.levels & Trace.TAPE) != 0,
                "gradients: %s is not a requiresGrad() leaf", leaf);
        Tensor gradient = byLeaf.get(leaf);
        return gradient != null ? gradient : leaf.stopGradient().zerosLike();
    }

    /** All gradients, keyed by leaf. */
    public ImmutableMap<Tensor, Tensor> asMap() {
        return byLeaf;
    }

    @Override
    public String toString() {
        return "Gradients" + byLeaf.values();
    }
}
