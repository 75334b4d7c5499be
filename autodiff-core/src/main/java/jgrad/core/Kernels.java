package jgrad.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jgrad.core.kernels.BinaryOp;
import jgrad.core.kernels.BroadcastPlan;
import jgrad.core.kernels.DoubleKernels;
import jgrad.core.kernels.FloatKernels;
import jgrad.core.kernels.Gemm;
import jgrad.core.kernels.GemmLayout;
import jgrad.core.kernels.Indexing;
import jgrad.core.kernels.IntegerKernels;
import jgrad.core.kernels.MatrixOp;
import jgrad.core.kernels.Movement;
import jgrad.core.kernels.ReducePlan;
import jgrad.core.kernels.UnaryOp;
import jgrad.core.kernels.WindowPlan;
import jgrad.core.kernels.Windows;

/**
 * The bridge from tensors to the kernel layer ({@code jgrad.core.kernels}): picks the kernel for a
 * tensor's dtype, allocates the result's storage and wraps it. Nothing here records a graph;
 * primitives call it from {@code forward} only.
 */
final class Kernels {

    private Kernels() {}

    /** {@code op} applied to each element. */
    static Tensor unary(UnaryOp op, Tensor x) {
        Object in = x.storage();
        Object out;
        switch (x.dtype()) {
            case FLOAT64: {
                double[] o = new double[x.size()];
                DoubleKernels.unary(op, (double[]) in, o);
                out = o;
                break;
            }
            case FLOAT32: {
                float[] o = new float[x.size()];
                FloatKernels.unary(op, (float[]) in, o);
                out = o;
                break;
            }
            case INT32: {
                int[] o = new int[x.size()];
                IntegerKernels.unary(op, (int[]) in, o);
                out = o;
                break;
            }
            default: {
                long[] o = new long[x.size()];
                IntegerKernels.unary(op, (long[]) in, o);
                out = o;
            }
        }
        return result(x.shape(), x.dtype(), out);
    }

    /** {@code op(a, b)} with both broadcast to {@code shape}, read in place. */
    static Tensor binary(BinaryOp op, Tensor a, Tensor b, Shape shape) {
        BroadcastPlan plan = a.shape().equals(b.shape()) ? BroadcastPlan.contiguous(a.size())
                : b.size() == 1 && a.shape().equals(shape) ? BroadcastPlan.scalarB(a.size())
                : BroadcastPlan.of(a.shape().toArray(), b.shape().toArray(), shape.toArray());
        int n = shape.size();
        Object out;
        switch (a.dtype()) {
            case FLOAT64: {
                double[] o = new double[n];
                DoubleKernels.binary(op, (double[]) a.storage(), (double[]) b.storage(), o, plan);
                out = o;
                break;
            }
            case FLOAT32: {
                float[] o = new float[n];
                FloatKernels.binary(op, (float[]) a.storage(), (float[]) b.storage(), o, plan);
                out = o;
                break;
            }
            case INT32: {
                int[] o = new int[n];
                IntegerKernels.binary(op, (int[]) a.storage(), (int[]) b.storage(), o, plan);
                out = o;
                break;
            }
            default: {
                long[] o = new long[n];
                IntegerKernels.binary(op, (long[]) a.storage(), (long[]) b.storage(), o, plan);
                out = o;
            }
        }
        return result(shape, a.dtype(), out);
    }

    /** {@code mask != 0 ? a : b} elementwise, three equal shapes and dtypes. */
    static Tensor where(Tensor mask, Tensor a, Tensor b) {
        int n = a.size();
        Object out;
        switch (a.dtype()) {
            case FLOAT64: {
                double[] o = new double[n];
                DoubleKernels.where((double[]) mask.storage(), (double[]) a.storage(),
                        (double[]) b.storage(), o);
                out = o;
                break;
            }
            case FLOAT32: {
                float[] o = new float[n];
                FloatKernels.where((float[]) mask.storage(), (float[]) a.storage(),
                        (float[]) b.storage(), o);
                out = o;
                break;
            }
            case INT32: {
                int[] o = new int[n];
                IntegerKernels.where((int[]) mask.storage(), (int[]) a.storage(),
                        (int[]) b.storage(), o);
                out = o;
                break;
            }
            default: {
                long[] o = new long[n];
                IntegerKernels.where((long[]) mask.storage(), (long[]) a.storage(),
                        (long[]) b.storage(), o);
                out = o;
            }
        }
        return result(a.shape(), a.dtype(), out);
    }

    static Tensor cast(Tensor x, DType dtype) {
        return result(x.shape(), dtype, Storage.cast(x.storage(), dtype));
    }

    /** Copies {@code x} to {@code target}, reading a broadcast axis again for each position. */
    static Tensor broadcastTo(Tensor x, Shape target) {
        int offset = target.rank() - x.rank();
        int[] strides = new int[target.rank()];
        int[] inStrides = x.shape().strides();
        for (int i = 0; i < x.rank(); i++) {
            strides[i + offset] = x.shape().dim(i) == 1 ? 0 : inStrides[i];
        }
        int[] source = Movement.offsets(target.toArray(), strides, 0);
        return result(target, x.dtype(), Movement.gather(x.storage(), source));
    }

    /** Sums over {@code axes} (sorted, distinct); the result drops those axes. */
    static Tensor reduceSum(Tensor x, int[] axes, Shape outShape) {
        return reduce(x, axes, outShape, Reduction.SUM);
    }

    /** Maximum over {@code axes}; NaN wins, as in NumPy. Empty reductions are refused earlier. */
    static Tensor reduceMax(Tensor x, int[] axes, Shape outShape) {
        return reduce(x, axes, outShape, Reduction.MAX);
    }

    /** Minimum over {@code axes}; NaN wins, as in NumPy. Empty reductions are refused earlier. */
    static Tensor reduceMin(Tensor x, int[] axes, Shape outShape) {
        return reduce(x, axes, outShape, Reduction.MIN);
    }

    /** Product over {@code axes} (sorted, distinct); the product of no elements is 1. */
    static Tensor reduceProd(Tensor x, int[] axes, Shape outShape) {
        return reduce(x, axes, outShape, Reduction.PROD);
    }

    /** The reductions that run as {@link ReducePlan} steps. */
    private enum Reduction { SUM, MAX, MIN, PROD }

    /** Runs the {@link ReducePlan} steps of a reduction with the dtype's kernel. */
    private static Tensor reduce(Tensor x, int[] axes, Shape outShape, Reduction reduction) {
        Object data = x.storage();
        for (ReducePlan step : ReducePlan.steps(x.shape().toArray(), axes)) {
            data = reduceStep(data, step, reduction);
        }
        return result(outShape, x.dtype(), data == x.storage() ? Storage.copy(data) : data);
    }

    /** One step: the kernel is chosen once per step, by storage type and reduction. */
    private static Object reduceStep(Object data, ReducePlan step, Reduction reduction) {
        if (data instanceof double[]) {
            double[] d = (double[]) data;
            switch (reduction) {
                case SUM: return DoubleKernels.sum(d, step);
                case MAX: return DoubleKernels.max(d, step);
                case MIN: return DoubleKernels.min(d, step);
                default: return DoubleKernels.prod(d, step);
            }
        }
        if (data instanceof float[]) {
            float[] f = (float[]) data;
            switch (reduction) {
                case SUM: return FloatKernels.sum(f, step);
                case MAX: return FloatKernels.max(f, step);
                case MIN: return FloatKernels.min(f, step);
                default: return FloatKernels.prod(f, step);
            }
        }
        if (data instanceof int[]) {
            int[] i = (int[]) data;
            switch (reduction) {
                case SUM: return IntegerKernels.sum(i, step);
                case MAX: return IntegerKernels.max(i, step);
                case MIN: return IntegerKernels.min(i, step);
                default: return IntegerKernels.prod(i, step);
            }
        }
        long[] l = (long[]) data;
        switch (reduction) {
            case SUM: return IntegerKernels.sum(l, step);
            case MAX: return IntegerKernels.max(l, step);
            case MIN: return IntegerKernels.min(l, step);
            default: return IntegerKernels.prod(l, step);
        }
    }

    /**
     * Running sums ({@code product} false) or products along {@code axis} (normalised), from the
     * end when {@code reverse}. Shapes: same as {@code x}.
     */
    static Tensor scan(Tensor x, int axis, boolean reverse, boolean product) {
        ReducePlan plan = ReducePlan.steps(x.shape().toArray(), new int[] {axis})[0];
        Object out;
        switch (x.dtype()) {
            case FLOAT64:
                out = product ? DoubleKernels.cumprod((double[]) x.storage(), plan, reverse)
                        : DoubleKernels.cumsum((double[]) x.storage(), plan, reverse);
                break;
            case FLOAT32:
                out = product ? FloatKernels.cumprod((float[]) x.storage(), plan, reverse)
                        : FloatKernels.cumsum((float[]) x.storage(), plan, reverse);
                break;
            case INT32:
                out = IntegerKernels.scan((int[]) x.storage(), plan, reverse, product);
                break;
            default:
                out = IntegerKernels.scan((long[]) x.storage(), plan, reverse, product);
        }
        return result(x.shape(), x.dtype(), out);
    }

    static Tensor permute(Tensor x, int[] order, Shape outShape) {
        int rank = order.length;
        boolean swapsLastTwo = rank >= 2 && order[rank - 1] == rank - 2
                && order[rank - 2] == rank - 1;
        for (int i = 0; i < rank - 2 && swapsLastTwo; i++) {
            swapsLastTwo = order[i] == i;
        }
        if (swapsLastTwo) {
            int rows = x.shape().dim(rank - 2);
            int columns = x.shape().dim(rank - 1);
            int count = rows * columns == 0 ? 0 : x.size() / (rows * columns);
            return result(outShape, x.dtype(),
                    Movement.transposeLastTwo(x.storage(), count, rows, columns));
        }
        int[] inStrides = x.shape().strides();
        int[] strides = new int[rank];
        for (int i = 0; i < rank; i++) {
            strides[i] = inStrides[order[i]];
        }
        int[] source = Movement.offsets(outShape.toArray(), strides, 0);
        return result(outShape, x.dtype(), Movement.gather(x.storage(), source));
    }

    /** The strided gather: output index {@code i} reads input index {@code starts + i * steps}. */
    static Tensor slice(Tensor x, int[] starts, int[] steps, Shape outShape) {
        int[] inStrides = x.shape().strides();
        int[] strides = new int[inStrides.length];
        int base = 0;
        for (int d = 0; d < strides.length; d++) {
            strides[d] = inStrides[d] * steps[d];
            base += inStrides[d] * starts[d];
        }
        int[] source = Movement.offsets(outShape.toArray(), strides, base);
        return result(outShape, x.dtype(), Movement.gather(x.storage(), source));
    }

    /**
     * The strided scatter into zeros, the transpose of {@link #slice}: input index {@code i} is
     * written to output index {@code starts + i * steps}; every other element is 0.
     */
    static Tensor pad(Tensor x, int[] starts, int[] steps, Shape outShape) {
        int[] outStrides = outShape.strides();
        int[] strides = new int[outStrides.length];
        int base = 0;
        for (int d = 0; d < strides.length; d++) {
            strides[d] = outStrides[d] * steps[d];
            base += outStrides[d] * starts[d];
        }
        int[] target = Movement.offsets(x.shape().toArray(), strides, base);
        return result(outShape, x.dtype(),
                Movement.scatter(x.storage(), target, outShape.size()));
    }

    /** Reverses {@code axes} (sorted, distinct): a gather with negative strides. */
    static Tensor flip(Tensor x, int[] axes) {
        int[] strides = x.shape().strides();
        int base = 0;
        for (int axis : axes) {
            int n = x.shape().dim(axis);
            base += n == 0 ? 0 : (n - 1) * strides[axis];
            strides[axis] = -strides[axis];
        }
        int[] source = Movement.offsets(x.shape().toArray(), strides, base);
        return result(x.shape(), x.dtype(), Movement.gather(x.storage(), source));
    }

    /** {@code parts} (one dtype, equal but for {@code axis}) joined along {@code axis}. */
    static Tensor concat(List<Tensor> parts, int axis, Shape outShape) {
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= outShape.dim(d);
        }
        Object[] storages = new Object[parts.size()];
        int[] blocks = new int[parts.size()];
        for (int p = 0; p < storages.length; p++) {
            Tensor part = parts.get(p);
            storages[p] = part.storage();
            blocks[p] = outer == 0 ? 0 : part.size() / outer;
        }
        DType dtype = parts.get(0).dtype();
        Object out = Storage.allocate(dtype, outShape.size());
        Movement.concat(storages, blocks, outer, out);
        return result(outShape, dtype, out);
    }

    /**
     * The rows of {@code x} along {@code axis} picked by {@code index} (normalised, in range),
     * into {@code outShape}.
     */
    static Tensor indexSelect(Tensor x, int axis, int[] index, Shape outShape) {
        int[] split = around(x.shape(), axis);
        return result(outShape, x.dtype(),
                Indexing.indexSelect(x.storage(), split[0], split[1], split[2], index));
    }

    /** A copy of {@code target} with {@code source}'s rows added at {@code index} along axis. */
    static Tensor indexAdd(Tensor target, int axis, int[] index, Tensor source) {
        int[] split = around(target.shape(), axis);
        Object out = Storage.copy(target.storage());
        Indexing.indexAdd(out, split[0], split[1], split[2], index, source.storage());
        return result(target.shape(), target.dtype(), out);
    }

    /** {@code out[p] = x[p with its coordinate on axis replaced by index[p]]} (torch.gather). */
    static Tensor gather(Tensor x, int axis, int[] index, Shape indexShape) {
        int[] offsets = Indexing.alongAxis(indexShape.toArray(), x.shape().strides(), axis, index);
        return result(indexShape, x.dtype(), Movement.gather(x.storage(), offsets));
    }

    /** A copy of {@code target} with {@code source} added where {@link #gather} would read. */
    static Tensor scatterAdd(Tensor target, int axis, int[] index, Tensor source) {
        int[] offsets = Indexing.alongAxis(source.shape().toArray(), target.shape().strides(),
                axis, index);
        Object out = Storage.copy(target.storage());
        Indexing.scatterAdd(out, offsets, source.storage());
        return result(target.shape(), target.dtype(), out);
    }

    /** {@code [outer, n, inner]}: the sizes before, at and after {@code axis}. */
    private static int[] around(Shape shape, int axis) {
        int outer = 1;
        int inner = 1;
        for (int d = 0; d < shape.rank(); d++) {
            if (d < axis) {
                outer *= shape.dim(d);
            } else if (d > axis) {
                inner *= shape.dim(d);
            }
        }
        return new int[] {outer, shape.dim(axis), inner};
    }

    /**
     * The batched product {@code op(a) . op(b)} of the last two axes into {@code outShape}, the
     * batch axes broadcast: each output matrix reads its operands' matrices in place.
     */
    static Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB,
            Shape outShape) {
        int rank = outShape.rank();
        int m = outShape.dim(rank - 2);
        int n = outShape.dim(rank - 1);
        int k = a.shape().dim(transposeA ? -2 : -1);
        int[] batch = Arrays.copyOf(outShape.toArray(), rank - 2);
        int[] aOffsets = Movement.offsets(batch, matrixStrides(a.shape(), batch.length), 0);
        int[] bOffsets = Movement.offsets(batch, matrixStrides(b.shape(), batch.length), 0);
        GemmLayout layout = GemmLayout.batched(transposeA ? MatrixOp.TRANSPOSE : MatrixOp.IDENTITY,
                transposeB ? MatrixOp.TRANSPOSE : MatrixOp.IDENTITY, aOffsets.length, m, n, k);
        int aStride = uniformStride(aOffsets);
        int bStride = uniformStride(bOffsets);
        boolean oneCall = aStride >= 0 && bStride >= 0;
        List<GemmLayout> calls = new ArrayList<>();
        if (oneCall) {
            calls.add(layout.withA(first(aOffsets), layout.lda(), aStride)
                    .withB(first(bOffsets), layout.ldb(), bStride));
        } else {
            // Batch axes broadcast unevenly (e.g. [2, 1] against [1, 3]): one call per matrix.
            GemmLayout one = GemmLayout.of(layout.opA(), layout.opB(), m, n, k);
            for (int i = 0; i < aOffsets.length; i++) {
                calls.add(one.withA(aOffsets[i], one.lda(), 0).withB(bOffsets[i], one.ldb(), 0)
                        .withC(i * m * n, one.ldc(), 0));
            }
        }
        if (a.dtype() == DType.FLOAT32) {
            float[] out = new float[outShape.size()];
            for (GemmLayout call : calls) {
                Gemm.gemm(call, (float[]) a.storage(), (float[]) b.storage(), out);
            }
            return result(outShape, a.dtype(), out);
        }
        double[] out = new double[outShape.size()];
        for (GemmLayout call : calls) {
            Gemm.gemm(call, (double[]) a.storage(), (double[]) b.storage(), out);
        }
        return result(outShape, a.dtype(), out);
    }

    /** The common difference of {@code offsets}, or -1 if they are not evenly spaced. */
    private static int uniformStride(int[] offsets) {
        if (offsets.length < 2) {
            return 0;
        }
        int stride = offsets[1] - offsets[0];
        for (int i = 2; i < offsets.length; i++) {
            if (offsets[i] - offsets[i - 1] != stride) {
                return -1;
            }
        }
        return stride < 0 ? -1 : stride;
    }

    private static int first(int[] offsets) {
        return offsets.length == 0 ? 0 : offsets[0];
    }

    /**
     * The distance between consecutive matrices of {@code shape} along each of the {@code
     * batchRank} output batch axes (aligned right; 0 where broadcast or missing).
     */
    private static int[] matrixStrides(Shape shape, int batchRank) {
        int own = shape.rank() - 2;
        int[] strides = new int[batchRank];
        int stride = shape.dim(-1) * shape.dim(-2);
        for (int d = own - 1; d >= 0; d--) {
            strides[batchRank - own + d] = shape.dim(d) == 1 ? 0 : stride;
            stride *= shape.dim(d);
        }
        return strides;
    }

    /**
     * The columns of the sliding windows of {@code plan} over the planes of {@code x [batch,
     * channels, height, width]}, {@code padValue} on padding: {@code [batch, channels * taps,
     * windows]} ({@link Windows#unfold}).
     */
    static Tensor unfold(Tensor x, WindowPlan plan, double padValue, Shape outShape) {
        int planes = x.shape().dim(0) * x.shape().dim(1);
        if (x.dtype() == DType.FLOAT32) {
            float[] out = new float[outShape.size()];
            Windows.unfold((float[]) x.storage(), out, planes, plan, (float) padValue);
            return result(outShape, x.dtype(), out);
        }
        double[] out = new double[outShape.size()];
        Windows.unfold((double[]) x.storage(), out, planes, plan, padValue);
        return result(outShape, x.dtype(), out);
    }

    /**
     * The columns {@code cols [batch, channels * taps, windows]} added back onto zero planes
     * {@code [batch, channels, height, width]} ({@link Windows#fold}).
     */
    static Tensor fold(Tensor cols, WindowPlan plan, Shape outShape) {
        int planes = outShape.dim(0) * outShape.dim(1);
        if (cols.dtype() == DType.FLOAT32) {
            float[] out = new float[outShape.size()];
            Windows.fold((float[]) cols.storage(), out, planes, plan);
            return result(outShape, cols.dtype(), out);
        }
        double[] out = new double[outShape.size()];
        Windows.fold((double[]) cols.storage(), out, planes, plan);
        return result(outShape, cols.dtype(), out);
    }

    static boolean containsZero(Tensor x) {
        Object data = x.storage();
        if (data instanceof double[]) {
            return DoubleKernels.containsZero((double[]) data);
        }
        if (data instanceof float[]) {
            return FloatKernels.containsZero((float[]) data);
        }
        for (int i = 0; i < x.size(); i++) {
            if (Storage.get(data, i) == 0) {
                return true;
            }
        }
        return false;
    }

    static boolean containsNonZero(Tensor x) {
        for (int i = 0; i < x.size(); i++) {
            if (Storage.get(x.storage(), i) != 0) {
                return true;
            }
        }
        return false;
    }

    static boolean containsNaN(Tensor x) {
        return !x.dtype().isInteger() && !allFinite(x) && hasNaN(x);
    }

    private static boolean hasNaN(Tensor x) {
        for (int i = 0; i < x.size(); i++) {
            if (Double.isNaN(Storage.get(x.storage(), i))) {
                return true;
            }
        }
        return false;
    }

    static boolean allFinite(Tensor x) {
        Object data = x.storage();
        if (data instanceof double[]) {
            return DoubleKernels.allFinite((double[]) data);
        }
        if (data instanceof float[]) {
            return FloatKernels.allFinite((float[]) data);
        }
        return true;
    }

    /** Wraps freshly computed storage of {@code dtype}'s array type; takes ownership. */
    static Tensor result(Shape shape, DType dtype, Object storage) {
        return new Tensor(shape, dtype, storage, null);
    }
}
