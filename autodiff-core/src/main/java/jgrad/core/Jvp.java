package jgrad.core;

/**
 * The result of {@link Autodiff#jvp}: the primal output of a function and its output tangent.
 *
 * @param output  the primal output {@code y = f(x)}
 * @param tangent the output tangent {@code J t}: the derivative of {@code f} at {@code x} in the
 *     input direction {@code t}, of {@code y}'s shape and dtype
 */
public record Jvp(Tensor output, Tensor tangent) {}
