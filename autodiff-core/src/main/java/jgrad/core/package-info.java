/**
 * Immutable tensors and reverse-mode automatic differentiation.
 *
 * <p>{@link jgrad.core.Tensor} is the value; {@link jgrad.core.Primitive} is the closed table of
 * operations that carry derivative rules; {@link jgrad.core.Autodiff} differentiates functions of
 * tensors and of {@link jgrad.core.Params}. The graph ({@code Node}), its ordering ({@code
 * TopoSort}), the reverse sweep ({@code Backward}) and the forward loops ({@code Kernels}) are
 * package-private.
 */
package jgrad.core;
