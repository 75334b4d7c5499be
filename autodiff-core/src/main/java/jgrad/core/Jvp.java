package jgrad.core;

/**
 * A function's output and its Jacobian-vector product, from {@link Autodiff#jvp}.
 *
 * @param output  {@code f(x)}
 * @param tangent {@code J t}, of the output's shape
 */
public record Jvp(Tensor output, Tensor tangent) {}
