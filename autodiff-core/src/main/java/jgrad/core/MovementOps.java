package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;

/**
 * Movement built on the movement primitives: argument normalisation for reshape, permute and
 * slice, and the composites transpose and sumTo; see the public methods on {@link Tensor} for
 * their contracts.
 */
final class MovementOps {

    private MovementOps() {}

    static Tensor transpose(Tensor x) {
        int[] order = new int[x.rank()];
        for (int i = 0; i < order.length; i++) {
            order[i] = order.length - 1 - i;
        }
        return x.permute(order);
    }

    static Tensor permute(Tensor x, int[] order) {
        Shape shape = x.shape();
        checkArgument(order.length == x.rank(),
                "permute: order %s does not fit shape %s of rank %s",
                Arrays.toString(order), shape, x.rank());
        int[] normalized = new int[order.length];
        boolean identity = true;
        for (int i = 0; i < order.length; i++) {
            normalized[i] = shape.axis(order[i], "permute");
            identity &= normalized[i] == i;
        }
        return identity ? x : Tensor.apply(new Permute(ImmutableIntArray.copyOf(normalized)), x);
    }

    static Tensor slice(Tensor x, int axis, int start, int end, int step) {
        Shape shape = x.shape();
        int a = shape.axis(axis, "slice");
        int n = shape.dim(a);
        checkArgument(0 <= start && start <= n && 0 <= end && end <= n,
                "slice: start %s and end %s must lie in [0, %s] for axis %s of shape %s",
                start, end, n, axis, shape);
        checkArgument(step >= 1, "slice: step must be at least 1, got %s", step);
        if (start == 0 && end == n && (step == 1 || n <= 1)) {
            return x;
        }
        int[] starts = new int[x.rank()];
        int[] ends = shape.toArray();
        int[] steps = new int[x.rank()];
        Arrays.fill(steps, 1);
        starts[a] = start;
        ends[a] = end;
        steps[a] = step;
        return Tensor.apply(new Slice(ImmutableIntArray.copyOf(starts),
                ImmutableIntArray.copyOf(ends), ImmutableIntArray.copyOf(steps)), x);
    }

    static Tensor sumTo(Tensor x, Shape shape) {
        if (shape.equals(x.shape())) {
            return x;
        }
        checkArgument(shape.broadcastsTo(x.shape()),
                "sumTo: shape %s does not broadcast to %s", shape, x.shape());
        int lead = x.rank() - shape.rank();
        ImmutableIntArray.Builder axes = ImmutableIntArray.builder();
        for (int i = 0; i < x.rank(); i++) {
            if (i < lead || (shape.dim(i - lead) == 1 && x.shape().dim(i) != 1)) {
                axes.add(i);
            }
        }
        return Tensor.apply(new ReduceSum(axes.build()), x).reshape(shape);
    }

    /**
     * {@code dims} with a single {@code -1} replaced by the size that makes the element count
     * equal {@code size}.
     */
    static Shape inferShape(int size, Shape from, int[] dims) {
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                checkArgument(inferred < 0,
                        "reshape: more than one -1 in %s", Arrays.toString(dims));
                inferred = i;
            } else {
                checkArgument(dims[i] >= 0,
                        "reshape: negative dimension in %s", Arrays.toString(dims));
                known *= dims[i];
            }
        }
        if (inferred >= 0) {
            checkArgument(known > 0 && size % known == 0,
                    "reshape: cannot reshape %s (%s elements) to %s",
                    from, size, Arrays.toString(dims));
            int[] copy = dims.clone();
            copy[inferred] = (int) (size / known);
            return Shape.of(copy);
        }
        return Shape.of(dims);
    }
}
