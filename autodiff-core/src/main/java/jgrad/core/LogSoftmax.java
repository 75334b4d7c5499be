package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.DoubleKernels;
import jgrad.core.kernels.FloatKernels;
import jgrad.core.kernels.ReducePlan;

/**
 * Log-softmax along {@code axis}, {@code y = x - logSumExp(x, axis)}: the log-probabilities of
 * logits. Shapes: same as {@code x}.
 *
 * <p>A primitive for speed and stability: one pass per row (maximum, sum of exponentials of the
 * shifted values, subtraction) where the composite made seven tensor operations and kept their
 * intermediates for the backward pass; every classifier's loss goes through it. The maximum is
 * subtracted first (0 where it is infinite), so no exponential overflows and large logits do not
 * cancel ({@code [1e8, 1e8]} gives {@code -ln 2} exactly).
 *
 * <p>VJP: {@code dx = cotangent - exp(y) * sum(cotangent, axis)}, since {@code d y_i / d x_j =
 * delta_ij - softmax_j}; reuses the output, and is written with tensor operations so it can be
 * differentiated again.
 *
 * @param axis the normalised axis, non-negative
 */
public record LogSoftmax(int axis) implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape shape = inputShapes.get(0);
        shape.axis(axis, "logSoftmax"); // range check, naming the op
        return shape;
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        ReducePlan plan = ReducePlan.steps(x.shape().toArray(), new int[] {axis})[0];
        Object out = x.dtype() == DType.FLOAT32
                ? FloatKernels.logSoftmax((float[]) x.storage(), plan)
                : DoubleKernels.logSoftmax((double[]) x.storage(), plan);
        return Kernels.result(x.shape(), x.dtype(), out);
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor total = cotangent.sum(new int[] {axis}, true);
        return ImmutableList.of(cotangent.sub(output.exp().mul(total)));
    }
}
