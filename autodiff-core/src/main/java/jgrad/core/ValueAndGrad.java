package jgrad.core;

/**
 * A function's value and its gradient, from {@link Autodiff#valueAndGrad}.
 *
 * @param value the scalar value {@code f(x)}, shape {@code []}
 * @param grad  the gradient, of {@code x}'s shape ({@code Tensor}) or paths ({@code Params})
 * @param <T> {@link Tensor} or {@link Params}
 */
public record ValueAndGrad<T>(Tensor value, T grad) {}
