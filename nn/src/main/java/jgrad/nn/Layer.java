package jgrad.nn;

import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * A differentiable function of its input with named parameters: {@code y = f(x; params)}.
 *
 * <p>Layers are immutable values. {@link #withParams(Params)} returns a new layer of the same
 * structure with other parameters (after an optimiser step, or with traced parameters inside
 * {@link jgrad.core.Autodiff#valueAndGrad}); the original is unchanged. Implementations return
 * their own type from {@code withParams} (covariantly), so {@code linear.withParams(p)} is a
 * {@link Linear}.
 *
 * <p>Gradients with respect to the parameters come from differentiating a function of {@code
 * Params}:
 *
 * <pre>{@code
 * jshell> Autodiff.grad(p -> model.withParams(p).apply(x).sum(), model.params())
 * }</pre>
 */
public interface Layer {

    /**
     * The layer's output for {@code input}. Shapes: documented per layer; batch first.
     *
     * @throws IllegalArgumentException if {@code input}'s shape does not fit the layer, naming
     *     the layer and both shapes
     */
    Tensor apply(Tensor input);

    /** The parameters, by path ({@code "weight"}, {@code "0.bias"}); empty for none. */
    Params params();

    /**
     * A layer of the same structure with {@code params}, which must have exactly the paths and
     * shapes of {@link #params()}.
     *
     * @throws IllegalArgumentException if a path is missing or unexpected, or a shape differs,
     *     naming the path and both shapes
     */
    Layer withParams(Params params);
}
