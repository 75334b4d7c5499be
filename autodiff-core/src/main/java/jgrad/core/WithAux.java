package jgrad.core;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * What a function differentiated by {@link Autodiff#valueAndGradWithAux} returns: the scalar to
 * differentiate and anything else it computed along the way (JAX's {@code has_aux=True}), such as
 * the logits of a training step, so the forward pass need not run twice.
 *
 * @param value the scalar to differentiate, shape {@code []}
 * @param aux anything; tensors in it are returned without their graph when they are a {@code
 *     Tensor} or {@code Params}, and as they are otherwise
 * @param <A> the auxiliary value's type
 */
public record WithAux<A>(Tensor value, A aux) {
    /** @throws NullPointerException if {@code value} is null */
    public WithAux {
        checkNotNull(value, "withAux: value is null");
    }
}
