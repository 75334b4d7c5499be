package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Movement built on the movement primitives: argument normalisation for reshape, permute, slice,
 * flip and concat, and the composites (transpose, sumTo, flatten, squeeze, expandDims, swapAxes,
 * moveAxis, roll, repeatInterleave, tile, stack, split, chunk, pad); see the public methods on
 * {@link Tensor} for their contracts. Every one works for every dtype.
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

    /**
     * Python's slice {@code start:stop:step} along {@code axis}: null bounds are omitted ones,
     * negative bounds count from the end, out-of-range bounds are clamped (CPython's {@code
     * PySlice_AdjustIndices}).
     */
    static Tensor slice(Tensor x, int axis, Integer start, Integer stop, int step) {
        int a = x.shape().axis(axis, "slice");
        checkArgument(step != 0, "slice: step must not be zero, got %s", step);
        int n = x.shape().dim(a);
        long first = bound(start, n, step, step < 0 ? n - 1 : 0);
        long end = bound(stop, n, step, step < 0 ? -1 : n);
        long count = step < 0
                ? (end < first ? (first - end - 1) / -(long) step + 1 : 0)
                : (first < end ? (end - first - 1) / step + 1 : 0);
        return strided(x, a, (int) first, (int) count, step);
    }

    /** A slice bound normalised as CPython does: the default when null, then wrap and clamp. */
    private static long bound(Integer value, int n, int step, int omitted) {
        if (value == null) {
            return omitted;
        }
        long v = value;
        if (v < 0) {
            v += n;
            if (v < 0) {
                v = step < 0 ? -1 : 0;
            }
        } else if (v >= n) {
            v = step < 0 ? n - 1 : n;
        }
        return v;
    }

    /**
     * The {@code count} elements {@code first, first + step, ...} along axis {@code a}, all in
     * range: a {@link Slice} for a positive step, a slice then a {@link Flip} for a negative one.
     */
    static Tensor strided(Tensor x, int a, int first, int count, int step) {
        if (count <= 1) {
            step = 1; // one element or none: the step does not matter (and may not negate)
        }
        if (count == 0) {
            return slicePositive(x, a, 0, 0, 1);
        }
        if (step > 0) {
            return slicePositive(x, a, first, first + (count - 1) * step + 1, step);
        }
        int lowest = first + (count - 1) * step;
        return flip(slicePositive(x, a, lowest, first + 1, -step), new int[] {a});
    }

    /** The slice {@code start:end:step} of axis {@code a}, {@code 0 <= start, end <= n}. */
    private static Tensor slicePositive(Tensor x, int a, int start, int end, int step) {
        Shape shape = x.shape();
        int n = shape.dim(a);
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

    static Tensor flatten(Tensor x, int startAxis, int endAxis) {
        Shape shape = x.shape();
        if (x.rank() == 0) {
            checkArgument((startAxis == 0 || startAxis == -1) && (endAxis == 0 || endAxis == -1),
                    "flatten: axes %s and %s out of range for a scalar (0 or -1)",
                    startAxis, endAxis);
            return x.reshape(1);
        }
        int start = shape.axis(startAxis, "flatten");
        int end = shape.axis(endAxis, "flatten");
        checkArgument(start <= end, "flatten: start axis %s comes after end axis %s in shape %s",
                startAxis, endAxis, shape);
        int[] dims = new int[x.rank() - (end - start)];
        int k = 0;
        for (int d = 0; d < start; d++) {
            dims[k++] = shape.dim(d);
        }
        int merged = 1;
        for (int d = start; d <= end; d++) {
            merged *= shape.dim(d);
        }
        dims[k++] = merged;
        for (int d = end + 1; d < x.rank(); d++) {
            dims[k++] = shape.dim(d);
        }
        return x.reshape(Shape.of(dims));
    }

    static Tensor squeeze(Tensor x) {
        return x.reshape(Shape.of(Arrays.stream(x.shape().toArray()).filter(d -> d != 1)
                .toArray()));
    }

    static Tensor squeeze(Tensor x, int[] axes) {
        Shape shape = x.shape();
        boolean[] removed = flags(axes, x.rank(), shape, "squeeze");
        ImmutableIntArray.Builder dims = ImmutableIntArray.builder();
        for (int d = 0; d < x.rank(); d++) {
            if (removed[d]) {
                checkArgument(shape.dim(d) == 1, "squeeze: axis %s has size %s, not 1, in shape %s",
                        d, shape.dim(d), shape);
            } else {
                dims.add(shape.dim(d));
            }
        }
        return x.reshape(new Shape(dims.build()));
    }

    /** New axes of size 1 at {@code axes} of the result (NumPy's {@code expand_dims}). */
    static Tensor expandDims(Tensor x, int[] axes, String op) {
        int rank = x.rank() + axes.length;
        boolean[] inserted = new boolean[rank];
        for (int axis : axes) {
            checkArgument(-rank <= axis && axis < rank,
                    "%s: axis %s out of range for a result of rank %s (shape %s)",
                    op, axis, rank, x.shape());
            int a = axis < 0 ? axis + rank : axis;
            checkArgument(!inserted[a], "%s: repeated axis %s in %s", op, a,
                    Arrays.toString(axes));
            inserted[a] = true;
        }
        int[] dims = new int[rank];
        for (int d = 0, k = 0; d < rank; d++) {
            dims[d] = inserted[d] ? 1 : x.shape().dim(k++);
        }
        return x.reshape(Shape.of(dims));
    }

    static Tensor swapAxes(Tensor x, int first, int second) {
        int a = x.shape().axis(first, "swapAxes");
        int b = x.shape().axis(second, "swapAxes");
        int[] order = identity(x.rank());
        order[a] = b;
        order[b] = a;
        return x.permute(order);
    }

    static Tensor moveAxis(Tensor x, int[] sources, int[] destinations) {
        checkArgument(sources.length == destinations.length,
                "moveAxis: %s sources but %s destinations", sources.length, destinations.length);
        int rank = x.rank();
        boolean[] moved = flags(sources, rank, x.shape(), "moveAxis");
        boolean[] taken = flags(destinations, rank, x.shape(), "moveAxis");
        int[] order = new int[rank];
        Arrays.fill(order, -1);
        for (int i = 0; i < sources.length; i++) {
            order[x.shape().axis(destinations[i], "moveAxis")] =
                    x.shape().axis(sources[i], "moveAxis");
        }
        for (int d = 0, next = 0; d < rank; d++) {
            if (!taken[d]) {
                while (moved[next]) {
                    next++;
                }
                order[d] = next++;
            }
        }
        return x.permute(order);
    }

    static Tensor flip(Tensor x, int[] axes) {
        boolean[] flipped = flags(axes, x.rank(), x.shape(), "flip");
        ImmutableIntArray.Builder sorted = ImmutableIntArray.builder();
        for (int d = 0; d < flipped.length; d++) {
            if (flipped[d] && x.shape().dim(d) > 1) {
                sorted.add(d);
            }
        }
        ImmutableIntArray normalized = sorted.build();
        return normalized.isEmpty() ? x : Tensor.apply(new Flip(normalized), x);
    }

    static Tensor roll(Tensor x, int shift, int axis) {
        int a = x.shape().axis(axis, "roll");
        int n = x.shape().dim(a);
        int s = n == 0 ? 0 : Math.floorMod(shift, n);
        if (s == 0) {
            return x;
        }
        return concat(List.of(slicePositive(x, a, n - s, n, 1), slicePositive(x, a, 0, n - s, 1)),
                a);
    }

    static Tensor roll(Tensor x, int[] shifts, int[] axes) {
        checkArgument(shifts.length == axes.length, "roll: %s shifts but %s axes",
                shifts.length, axes.length);
        Tensor result = x;
        for (int i = 0; i < shifts.length; i++) {
            result = roll(result, shifts[i], axes[i]);
        }
        return result;
    }

    static Tensor repeatInterleave(Tensor x, int repeats, int axis) {
        checkArgument(repeats >= 0, "repeatInterleave: repeats must be non-negative, got %s",
                repeats);
        Shape shape = x.shape();
        int a = shape.axis(axis, "repeatInterleave");
        if (repeats == 1) {
            return x;
        }
        int[] dims = shape.toArray();
        int[] single = new int[x.rank() + 1];
        int[] copies = new int[x.rank() + 1];
        for (int d = 0, k = 0; d <= x.rank(); d++) {
            boolean inserted = d == a + 1;
            single[d] = inserted ? 1 : dims[k];
            copies[d] = inserted ? repeats : dims[k];
            k += inserted ? 0 : 1;
        }
        long length = (long) dims[a] * repeats;
        checkArgument(length <= Integer.MAX_VALUE,
                "repeatInterleave: %s repeats of axis %s of shape %s are too long",
                repeats, a, shape);
        dims[a] = (int) length;
        return x.reshape(Shape.of(single)).broadcastTo(Shape.of(copies)).reshape(Shape.of(dims));
    }

    static Tensor repeatInterleave(Tensor x, int[] repeats, int axis) {
        checkNotNull(repeats, "repeatInterleave: repeats is null");
        Shape shape = x.shape();
        int a = shape.axis(axis, "repeatInterleave");
        int n = shape.dim(a);
        if (repeats.length == 1) {
            return repeatInterleave(x, repeats[0], a);
        }
        checkArgument(repeats.length == n,
                "repeatInterleave: %s repeats for axis %s of size %s in shape %s; give one per"
                        + " element or a single one", repeats.length, a, n, shape);
        long total = 0;
        for (int i = 0; i < n; i++) {
            checkArgument(repeats[i] >= 0,
                    "repeatInterleave: repeats must be non-negative, got %s at position %s",
                    repeats[i], i);
            total += repeats[i];
        }
        checkArgument(total <= Integer.MAX_VALUE,
                "repeatInterleave: %s repeats in all are too many", total);
        int[] index = new int[(int) total];
        for (int i = 0, k = 0; i < n; i++) {
            Arrays.fill(index, k, k + repeats[i], i);
            k += repeats[i];
        }
        return Tensor.apply(new IndexSelect(a), x, Tensor.ofInts(index));
    }

    static Tensor tile(Tensor x, int[] reps) {
        checkNotNull(reps, "tile: reps is null");
        for (int r : reps) {
            checkArgument(r >= 0, "tile: reps must be non-negative, got %s", Arrays.toString(reps));
        }
        int rank = Math.max(x.rank(), reps.length);
        int[] dims = new int[rank];
        int[] counts = new int[rank];
        int[] single = new int[2 * rank];
        int[] copies = new int[2 * rank];
        int[] result = new int[rank];
        for (int d = 0; d < rank; d++) {
            int xd = d - (rank - x.rank());
            int rd = d - (rank - reps.length);
            dims[d] = xd < 0 ? 1 : x.shape().dim(xd);
            counts[d] = rd < 0 ? 1 : reps[rd];
            single[2 * d] = 1;
            single[2 * d + 1] = dims[d];
            copies[2 * d] = counts[d];
            copies[2 * d + 1] = dims[d];
            long length = (long) dims[d] * counts[d];
            checkArgument(length <= Integer.MAX_VALUE,
                    "tile: reps %s make axis %s of shape %s too long", Arrays.toString(reps), d,
                    x.shape());
            result[d] = (int) length;
        }
        return x.reshape(Shape.of(single)).broadcastTo(Shape.of(copies))
                .reshape(Shape.of(result));
    }

    static Tensor concat(List<Tensor> tensors, int axis) {
        checkNotNull(tensors, "concat: tensors is null");
        checkArgument(!tensors.isEmpty(), "concat: needs at least one tensor");
        Tensor first = checkNotNull(tensors.get(0), "concat: tensor 0 is null");
        checkArgument(first.rank() > 0,
                "concat: tensor 0 is a scalar (shape []); stack joins scalars");
        for (int i = 1; i < tensors.size(); i++) {
            Tensor tensor = checkNotNull(tensors.get(i), "concat: tensor %s is null", i);
            checkArgument(tensor.dtype() == first.dtype(),
                    "concat: tensor %s has dtype %s and tensor 0 %s; cast explicitly",
                    i, tensor.dtype(), first.dtype());
        }
        int a = first.shape().axis(axis, "concat");
        if (tensors.size() == 1) {
            return first;
        }
        return Tensor.apply(new Concat(a), tensors.toArray(new Tensor[0]));
    }

    static Tensor stack(List<Tensor> tensors, int axis) {
        checkNotNull(tensors, "stack: tensors is null");
        checkArgument(!tensors.isEmpty(), "stack: needs at least one tensor");
        Tensor first = checkNotNull(tensors.get(0), "stack: tensor 0 is null");
        List<Tensor> expanded = new ArrayList<>(tensors.size());
        for (int i = 0; i < tensors.size(); i++) {
            Tensor tensor = checkNotNull(tensors.get(i), "stack: tensor %s is null", i);
            checkArgument(tensor.shape().equals(first.shape()),
                    "stack: tensor %s has shape %s and tensor 0 %s; stack needs equal shapes",
                    i, tensor.shape(), first.shape());
            expanded.add(expandDims(tensor, new int[] {axis}, "stack"));
        }
        int rank = first.rank() + 1;
        return concat(expanded, axis < 0 ? axis + rank : axis);
    }

    static ImmutableList<Tensor> split(Tensor x, int size, int axis) {
        int a = x.shape().axis(axis, "split");
        checkArgument(size >= 1, "split: size must be positive, got %s", size);
        int n = x.shape().dim(a);
        int pieces = Math.max(1, (n + size - 1) / size);
        int[] sizes = new int[pieces];
        for (int i = 0; i < pieces; i++) {
            sizes[i] = Math.min(size, n - i * size);
        }
        return pieces(x, a, sizes);
    }

    static ImmutableList<Tensor> split(Tensor x, int[] sizes, int axis) {
        checkNotNull(sizes, "split: sizes is null");
        int a = x.shape().axis(axis, "split");
        long sum = 0;
        for (int size : sizes) {
            checkArgument(size >= 0, "split: sizes must be non-negative, got %s",
                    Arrays.toString(sizes));
            sum += size;
        }
        checkArgument(sum == x.shape().dim(a),
                "split: sizes %s sum to %s, but axis %s of shape %s has %s elements",
                Arrays.toString(sizes), sum, a, x.shape(), x.shape().dim(a));
        return pieces(x, a, sizes);
    }

    static ImmutableList<Tensor> chunk(Tensor x, int chunks, int axis) {
        int a = x.shape().axis(axis, "chunk");
        checkArgument(chunks >= 1, "chunk: chunks must be positive, got %s", chunks);
        int n = x.shape().dim(a);
        if (n == 0) {
            return split(x, new int[chunks], a); // as PyTorch: chunks empty pieces
        }
        return split(x, (n + chunks - 1) / chunks, a);
    }

    static ImmutableList<Tensor> tensorSplit(Tensor x, int sections, int axis) {
        int a = x.shape().axis(axis, "tensorSplit");
        checkArgument(sections >= 1, "tensorSplit: sections must be positive, got %s", sections);
        int n = x.shape().dim(a);
        int[] sizes = new int[sections];
        for (int i = 0; i < sections; i++) {
            sizes[i] = n / sections + (i < n % sections ? 1 : 0);
        }
        return pieces(x, a, sizes);
    }

    private static ImmutableList<Tensor> pieces(Tensor x, int a, int[] sizes) {
        ImmutableList.Builder<Tensor> pieces = ImmutableList.builderWithExpectedSize(sizes.length);
        int offset = 0;
        for (int size : sizes) {
            pieces.add(slicePositive(x, a, offset, offset + size, 1));
            offset += size;
        }
        return pieces.build();
    }

    /**
     * Pads in PyTorch's order: {@code widths} holds (before, after) pairs for the last axis, then
     * the one before it, and so on.
     */
    static Tensor pad(Tensor x, int[] widths, PadMode mode, double value) {
        checkNotNull(widths, "pad: widths is null");
        checkNotNull(mode, "pad: mode is null");
        Shape shape = x.shape();
        checkArgument(widths.length % 2 == 0 && widths.length / 2 <= x.rank(),
                "pad: widths %s must be (before, after) pairs for at most the %s axes of shape %s",
                Arrays.toString(widths), x.rank(), shape);
        for (int w : widths) {
            checkArgument(w >= 0, "pad: widths must be non-negative, got %s (PyTorch crops with"
                    + " negative widths: use slice)", Arrays.toString(widths));
        }
        if (mode == PadMode.CONSTANT && x.dtype().isInteger()) {
            double limit = x.dtype() == DType.INT32 ? 0x1p31 : 0x1p63;
            checkArgument(value == Math.rint(value) && -limit <= value && value < limit,
                    "pad: value %s is not a whole number that %s holds", value, x.dtype());
        }
        checkArgument(mode == PadMode.CONSTANT || value == 0,
                "pad: a value (%s) is for CONSTANT mode, not %s", value, mode);
        Tensor result = x;
        for (int i = 0; i < widths.length / 2; i++) {
            int a = x.rank() - 1 - i;
            result = padAxis(result, a, widths[2 * i], widths[2 * i + 1], mode, value, shape);
        }
        return result;
    }

    private static Tensor padAxis(Tensor x, int a, int before, int after, PadMode mode,
            double value, Shape original) {
        if (before == 0 && after == 0) {
            return x;
        }
        int n = x.shape().dim(a);
        Tensor low;
        Tensor high;
        switch (mode) {
            case CONSTANT:
                low = Tensor.full(value, withDim(x.shape(), a, before), x.dtype());
                high = Tensor.full(value, withDim(x.shape(), a, after), x.dtype());
                break;
            case REFLECT:
                checkArgument(before < n && after < n, "pad: REFLECT widths (%s, %s) must be less"
                        + " than the size %s of axis %s of shape %s", before, after, n, a,
                        original);
                low = strided(x, a, before, before, -1);
                high = strided(x, a, n - 2, after, -1);
                break;
            case REPLICATE:
                checkArgument(n > 0, "pad: REPLICATE needs a non-empty axis, axis %s of shape %s"
                        + " is empty", a, original);
                low = strided(x, a, 0, 1, 1).broadcastTo(withDim(x.shape(), a, before));
                high = strided(x, a, n - 1, 1, 1).broadcastTo(withDim(x.shape(), a, after));
                break;
            default:
                checkArgument(before <= n && after <= n, "pad: CIRCULAR widths (%s, %s) must be"
                        + " at most the size %s of axis %s of shape %s", before, after, n, a,
                        original);
                low = strided(x, a, n - before, before, 1);
                high = strided(x, a, 0, after, 1);
        }
        return concat(List.of(low, x, high), a);
    }

    private static Shape withDim(Shape shape, int axis, int dim) {
        int[] dims = shape.toArray();
        dims[axis] = dim;
        return Shape.of(dims);
    }

    /** Which axes of a tensor of {@code rank} appear in {@code axes}; refuses repeats. */
    private static boolean[] flags(int[] axes, int rank, Shape shape, String op) {
        checkNotNull(axes, "%s: axes is null", op);
        boolean[] flags = new boolean[rank];
        for (int axis : axes) {
            int a = shape.axis(axis, op);
            checkArgument(!flags[a], "%s: repeated axis %s in %s", op, a, Arrays.toString(axes));
            flags[a] = true;
        }
        return flags;
    }

    private static int[] identity(int rank) {
        int[] order = new int[rank];
        for (int i = 0; i < rank; i++) {
            order[i] = i;
        }
        return order;
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
