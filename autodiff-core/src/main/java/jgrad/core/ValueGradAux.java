package jgrad.core;

/**
 * A function's value, its gradient and its auxiliary output, from {@link
 * Autodiff#valueAndGradWithAux}.
 *
 * @param value the scalar value {@code f(x)}, shape {@code []}
 * @param grad the gradient, of {@code x}'s shape ({@code Tensor}) or paths ({@code Params})
 * @param aux the auxiliary value {@code f} returned beside it
 * @param <T> {@link Tensor} or {@link Params}
 * @param <A> the auxiliary value's type
 */
public record ValueGradAux<T, A>(Tensor value, T grad, A aux) {}
