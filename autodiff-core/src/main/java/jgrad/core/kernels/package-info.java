/**
 * jgrad's internal kernel layer: loops over typed, row-major primitive arrays ({@code double[]}
 * for float64, {@code float[]} for float32, {@code int[]} and {@code long[]} for the integer
 * dtypes). Nothing here knows about tensors, graphs or dtypes as objects; {@code jgrad.core}
 * chooses the kernel for a tensor's dtype and wraps the result.
 *
 * <p>Files are by dtype and kind: {@link jgrad.core.kernels.DoubleKernels} and {@link
 * jgrad.core.kernels.FloatKernels} hold the elementwise and reduction loops of each float dtype,
 * {@link jgrad.core.kernels.IntegerKernels} those of int32 and int64, {@link
 * jgrad.core.kernels.Movement} the dtype-independent index gathers and scatters, {@link
 * jgrad.core.kernels.Indexing} the selections by integer indices and the accumulating scatters
 * that are their transposes, and the plans
 * ({@link jgrad.core.kernels.BroadcastPlan}, {@link jgrad.core.kernels.ReducePlan}) turn shapes
 * into the few loop nests the kernels run. No per-element lambdas run on a hot path: an operation
 * is chosen once per call by a {@code switch}, outside the loop, so each loop is one the JIT
 * compiles (and vectorises) on its own.
 *
 * <p>Matrix products: {@link jgrad.core.kernels.Gemm} computes {@code C = op(A) op(B)} (op the
 * identity or the transpose, row-major, offsets, leading dimensions and batch strides described by
 * a {@link jgrad.core.kernels.GemmLayout}), on the engine {@link jgrad.core.kernels.VectorSupport}
 * chose once at start-up: packed, cache-blocked Vector API ({@code jdk.incubator.vector}) kernels
 * when that module is in the boot layer, plain Java otherwise. {@link
 * jgrad.core.kernels.GemmEngine#reference()} holds the scalar triple loops every fast kernel is
 * tested against. The thread count comes from {@link jgrad.core.Compute}.
 *
 * <p>Internal: public only so that {@code jgrad.core} can call it; no compatibility promise.
 */
package jgrad.core.kernels;
