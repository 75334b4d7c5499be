/**
 * jgrad's internal kernel layer: loops over primitive arrays ({@code float[]}, {@code double[]})
 * that {@code jgrad.core}'s primitives call. Public only so that other jgrad modules (benchmarks,
 * tests) can reach it; it is not part of jgrad's API and carries no compatibility promise.
 *
 * <p>Matrix products: {@link jgrad.core.kernels.Gemm} computes {@code C = op(A) op(B)} (op the
 * identity or the transpose, row-major, offsets, leading dimensions and batch strides described by
 * a {@link jgrad.core.kernels.GemmLayout}), on the engine {@link jgrad.core.kernels.VectorSupport}
 * chose once at start-up: packed, cache-blocked Vector API ({@code jdk.incubator.vector}) kernels
 * when that module is in the boot layer, plain Java otherwise. {@link
 * jgrad.core.kernels.GemmEngine#reference()} holds the scalar triple loops every fast kernel is
 * tested against. The thread count comes from {@link jgrad.core.Compute}.
 */
package jgrad.core.kernels;
