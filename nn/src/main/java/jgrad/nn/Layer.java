package jgrad.nn;

import static com.google.common.base.Preconditions.checkNotNull;

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
 *
 * <p><b>State.</b> Some layers carry tensors that are not trained by gradients but change in
 * training: batch normalisation's running mean and variance (PyTorch's buffers). They are the
 * layer's {@link #state()}, a {@code Params} of their own, never mixed into {@link #params()}.
 * {@link #apply} is the evaluation pass and never changes state; {@link #forward} with {@link
 * Mode#training} returns the output together with the new state, which the caller applies with
 * {@link #withState} (what {@code Trainer.fit} does after every batch):
 *
 * <pre>{@code
 * jshell> Forward out = model.forward(x, Mode.training(rng));
 * jshell> model = model.withState(out.state());
 * }</pre>
 *
 * <p>Layers without state (the default methods) return an empty state and ignore the mode.
 * Layers that hold other layers ({@link Sequential}, {@link Residual}) forward the mode to them
 * and gather their states under the same prefixes as their parameters; a layer of your own that
 * holds layers with state must do the same.
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

    /**
     * The layer's state: tensors that change in training but are not differentiated, by path
     * ({@code "running_mean"}, {@code "1.running_var"}); empty for none (the default).
     */
    default Params state() {
        return Params.of();
    }

    /**
     * A layer of the same structure and parameters with {@code state}, which must have exactly
     * the paths and shapes of {@link #state()}. The default, for layers without state, accepts
     * only an empty state and returns this layer.
     *
     * @throws IllegalArgumentException if a path is missing or unexpected, or a shape differs,
     *     naming the path and both shapes
     */
    default Layer withState(Params state) {
        ParamsChecks.checkMatches(toString(), "withState", state(), state);
        return this;
    }

    /**
     * The output for {@code input} in {@code mode}, with the layer's state after the pass. The
     * default, for layers that behave alike in both modes and have no state, is {@code new
     * Forward(apply(input), state())}.
     *
     * @throws IllegalArgumentException if {@code input}'s shape does not fit the layer
     */
    default Forward forward(Tensor input, Mode mode) {
        checkNotNull(mode, "forward: mode is null");
        return new Forward(apply(input), state());
    }
}
