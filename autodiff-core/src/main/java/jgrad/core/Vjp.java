package jgrad.core;

import java.util.function.Function;

/**
 * A function's output and its pullback, from {@link Autodiff#vjp}: {@code pullback(u)} is the
 * vector-Jacobian product {@code u^T J} for a cotangent {@code u} of the output's shape. The
 * pullback can be called any number of times.
 *
 * @param output   {@code f(x)}
 * @param pullback {@code u -> u^T J}, returning a value of {@code x}'s shape or paths
 * @param <T> {@link Tensor} or {@link Params}
 */
public record Vjp<T>(Tensor output, Function<Tensor, T> pullback) {}
