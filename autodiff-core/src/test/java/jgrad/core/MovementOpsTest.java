package jgrad.core;

import static jgrad.core.CaseAssertions.assertTensor;
import static jgrad.core.CaseAssertions.dims;
import static jgrad.core.TensorTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Forward values, integer tensors and errors of the movement operations: hand-worked examples
 * (exact), Python's slice rules against an explicit loop, and every operation on int32 and int64
 * tensors against the same operation on float64.
 */
class MovementOpsTest {

    private static final Tensor MATRIX = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void sliceFollowsPythonBoundsAndSteps() {
        Tensor x = Tensor.arange(6);
        assertTensor(x.slice(0, 1, -1, 2), dims(2), 1, 3);              // x[1:-1:2]
        assertTensor(x.slice(0, null, null, -1), dims(6), 5, 4, 3, 2, 1, 0); // x[::-1]
        assertTensor(x.slice(0, 4, 0, -2), dims(2), 4, 2);              // x[4:0:-2]
        assertTensor(x.slice(0, -2, null, 1), dims(2), 4, 5);           // x[-2:]
        assertTensor(x.slice(0, 10, -10, -3), dims(2), 5, 2);           // clamped to 5 and -1
        assertTensor(x.slice(0, 3, 3, -1), dims(0));                    // empty
        assertTensor(x.slice(0, 2, 4), dims(2), 2, 3);
        assertSame(x, x.slice(0, -100, 100, 1));
        assertTensor(MATRIX.slice(-1, null, null, -2), dims(2, 2), 3, 1, 6, 4);
        assertRejected(() -> x.slice(0, 0, 6, 0), "slice: step must not be zero, got 0");
        assertRejected(() -> x.slice(1, 0, 6, 1), "slice: axis 1 out of range for shape [6]");
    }

    /**
     * Python's rules, spelled out: each index {@code start + k * step} inside the bounds; every
     * combination of length 0 to 7, bounds -10 to 10 and steps -4 to 4.
     */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void sliceTakesExactlyTheIndicesPythonWalks(@ForAll @IntRange(min = 0, max = 7) int n,
            @ForAll @IntRange(min = -10, max = 10) int start,
            @ForAll @IntRange(min = -10, max = 10) int stop,
            @ForAll @IntRange(min = -4, max = 4) int step) {
        if (step == 0) {
            return;
        }
        int first = start < 0 ? Math.max(start + n, step < 0 ? -1 : 0)
                : Math.min(start, step < 0 ? n - 1 : n);
        int end = stop < 0 ? Math.max(stop + n, step < 0 ? -1 : 0)
                : Math.min(stop, step < 0 ? n - 1 : n);
        List<Integer> walked = new ArrayList<>();
        for (int i = first; step > 0 ? i < end : i > end; i += step) {
            walked.add(i);
        }
        int[] expected = walked.stream().mapToInt(Integer::intValue).toArray();
        Tensor x = Tensor.arange(0, n, 1, DType.INT32);
        assertArrayEquals(expected, x.slice(0, start, stop, step).toIntArray());
        assertArrayEquals(expected, x.slice(0, (Integer) start, (Integer) stop, step)
                .toIntArray());
    }

    @Test
    void reshapingCompositesMoveNoValues() {
        Tensor x = Tensor.zeros(2, 3, 4, 5);
        assertEquals(Shape.of(2, 12, 5), x.flatten(1, 2).shape());
        assertEquals(Shape.of(2, 3, 20), x.flatten(-2, -1).shape());
        assertEquals(Shape.of(120), x.flatten().shape());
        assertEquals(Shape.of(1), Tensor.scalar(3).flatten().shape());
        assertEquals(Shape.of(3), Tensor.zeros(1, 3, 1).squeeze().shape());
        assertEquals(Shape.of(1, 3), Tensor.zeros(1, 3, 1).squeeze(-1).shape());
        assertEquals(Shape.of(3), Tensor.zeros(1, 3, 1).squeeze(0, 2).shape());
        assertEquals(Shape.of(2, 1, 3), MATRIX.unsqueeze(1).shape());
        assertEquals(Shape.of(2, 3, 1), MATRIX.unsqueeze(-1).shape());
        assertEquals(Shape.of(1, 2, 3, 1), MATRIX.expandDims(0, -1).shape());
        assertTensor(MATRIX.flatten(), dims(6), 1, 2, 3, 4, 5, 6);
        assertRejected(() -> x.flatten(2, 1), "flatten: start axis 2 comes after end axis 1",
                "[2, 3, 4, 5]");
        assertRejected(() -> x.flatten(0, 4), "flatten: axis 4 out of range");
        assertRejected(() -> Tensor.zeros(1, 3).squeeze(1),
                "squeeze: axis 1 has size 3, not 1, in shape [1, 3]");
        assertRejected(() -> Tensor.zeros(1, 1).squeeze(0, -2), "squeeze: repeated axis 0");
        assertRejected(() -> MATRIX.unsqueeze(3),
                "unsqueeze: axis 3 out of range for a result of rank 3 (shape [2, 3])");
        assertRejected(() -> MATRIX.expandDims(0, -4), "expandDims: repeated axis 0");
    }

    @Test
    void swapAxesAndMoveAxisPermuteLikeNumpy() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        assertEquals(Shape.of(4, 3, 2), x.swapAxes(0, 2).shape());
        assertEquals(x.get(1, 2, 3), x.swapAxes(0, -1).get(3, 2, 1));
        assertTensor(MATRIX.swapAxes(0, 1), dims(3, 2), 1, 4, 2, 5, 3, 6);
        assertEquals(Shape.of(3, 4, 2), x.moveAxis(0, -1).shape());
        assertEquals(Shape.of(4, 2, 3), x.moveAxis(-1, 0).shape());
        assertEquals(x.get(1, 2, 3), x.moveAxis(0, -1).get(2, 3, 1));
        // np.moveaxis(x, [0, 1], [-1, -2]).shape == (4, 3, 2); element (i, j, k) -> (k, j, i)
        Tensor moved = x.moveAxis(new int[] {0, 1}, new int[] {-1, -2});
        assertEquals(Shape.of(4, 3, 2), moved.shape());
        assertEquals(x.get(1, 2, 3), moved.get(3, 2, 1));
        assertRejected(() -> x.moveAxis(new int[] {0, 0}, new int[] {1, 2}),
                "moveAxis: repeated axis 0");
        assertRejected(() -> x.moveAxis(new int[] {0}, new int[] {1, 2}),
                "moveAxis: 1 sources but 2 destinations");
        assertRejected(() -> x.swapAxes(0, 3), "swapAxes: axis 3 out of range");
    }

    @Test
    void flipAndRollReorderElements() {
        assertTensor(MATRIX.flip(1), dims(2, 3), 3, 2, 1, 6, 5, 4);
        assertTensor(MATRIX.flip(-2), dims(2, 3), 4, 5, 6, 1, 2, 3);
        assertTensor(MATRIX.flip(), dims(2, 3), 6, 5, 4, 3, 2, 1);
        assertSame(MATRIX, MATRIX.flip(new int[0]));
        Tensor x = Tensor.arange(5);
        assertTensor(x.roll(2, 0), dims(5), 3, 4, 0, 1, 2);
        assertTensor(x.roll(-1, 0), dims(5), 1, 2, 3, 4, 0);
        assertTensor(x.roll(12, -1), dims(5), 3, 4, 0, 1, 2);
        assertSame(x, x.roll(5, 0));
        assertTensor(MATRIX.roll(1), dims(2, 3), 6, 1, 2, 3, 4, 5);
        assertTensor(MATRIX.roll(new int[] {1, 1}, new int[] {0, 1}), dims(2, 3),
                6, 4, 5, 3, 1, 2);
        assertRejected(() -> MATRIX.flip(0, -2), "flip: repeated axis 0 in [0, -2]");
        assertRejected(() -> MATRIX.flip(2), "flip: axis 2 out of range for shape [2, 3]");
        assertRejected(() -> MATRIX.roll(new int[] {1}, new int[] {0, 1}),
                "roll: 1 shifts but 2 axes");
    }

    @Test
    void repeatInterleaveRepeatsElementsAndTileRepeatsTheWhole() {
        Tensor x = Tensor.of(1, 2);
        assertTensor(x.repeatInterleave(2, 0), dims(4), 1, 1, 2, 2);
        assertTensor(x.repeatInterleave(0, 0), dims(0));
        assertTensor(MATRIX.repeatInterleave(new int[] {0, 2}, 0), dims(2, 3), 4, 5, 6, 4, 5, 6);
        assertTensor(MATRIX.repeatInterleave(2, 1), dims(2, 6), 1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
                6, 6);
        assertTensor(MATRIX.repeatInterleave(2), dims(12), 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6);
        assertTensor(x.tile(2), dims(4), 1, 2, 1, 2);
        assertTensor(x.tile(2, 1), dims(2, 2), 1, 2, 1, 2);
        assertTensor(MATRIX.tile(2), dims(2, 6), 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6);
        assertTensor(Tensor.scalar(7).tile(), dims(), 7);
        assertTensor(x.tile(0), dims(0));
        assertRejected(() -> x.repeatInterleave(-1, 0),
                "repeatInterleave: repeats must be non-negative, got -1");
        assertRejected(() -> MATRIX.repeatInterleave(new int[] {1, 2, 3}, 0),
                "repeatInterleave: 3 repeats for axis 0 of size 2 in shape [2, 3]");
        assertRejected(() -> MATRIX.repeatInterleave(new int[] {1, -2}, 0),
                "repeatInterleave: repeats must be non-negative, got -2 at position 1");
        assertRejected(() -> x.tile(2, -1), "tile: reps must be non-negative, got [2, -1]");
    }

    @Test
    void concatAndStackJoinTensors() {
        assertTensor(Tensor.concat(List.of(MATRIX, Tensor.ones(2, 1)), 1), dims(2, 4),
                1, 2, 3, 1, 4, 5, 6, 1);
        assertTensor(Tensor.concat(List.of(Tensor.of(1), Tensor.zeros(0), Tensor.of(2, 3)), -1),
                dims(3), 1, 2, 3);
        assertSame(MATRIX, Tensor.concat(List.of(MATRIX), 0));
        assertTensor(Tensor.stack(List.of(Tensor.of(1, 2), Tensor.of(3, 4)), 0), dims(2, 2),
                1, 2, 3, 4);
        assertTensor(Tensor.stack(List.of(Tensor.of(1, 2), Tensor.of(3, 4)), -1), dims(2, 2),
                1, 3, 2, 4);
        assertTensor(Tensor.stack(List.of(Tensor.scalar(1), Tensor.scalar(2)), 0), dims(2),
                1, 2);
        assertRejected(() -> Tensor.concat(List.of(), 0), "concat: needs at least one tensor");
        assertRejected(() -> Tensor.concat(List.of(MATRIX, Tensor.zeros(3, 3)), 1),
                "concat: tensor 1 has shape [3, 3] and tensor 0 has [2, 3];"
                        + " all axes but axis 1 must agree");
        assertRejected(() -> Tensor.concat(List.of(MATRIX, Tensor.zeros(2)), 0),
                "concat: tensor 1 has shape [2]");
        assertRejected(() -> Tensor.concat(List.of(Tensor.scalar(1), Tensor.scalar(2)), 0),
                "concat: tensor 0 is a scalar");
        assertRejected(() -> Tensor.concat(List.of(MATRIX, MATRIX.cast(DType.FLOAT32)), 0),
                "concat: tensor 1 has dtype float32 and tensor 0 float64; cast explicitly");
        assertRejected(() -> Tensor.concat(List.of(MATRIX), 2), "concat: axis 2 out of range");
        assertRejected(() -> Tensor.stack(List.of(Tensor.of(1, 2), Tensor.of(3)), 0),
                "stack: tensor 1 has shape [1] and tensor 0 [2]; stack needs equal shapes");
        assertRejected(() -> Tensor.stack(List.of(MATRIX), 3),
                "stack: axis 3 out of range for a result of rank 3");
    }

    @Test
    void splitChunkAndTensorSplitCutLikePyTorch() {
        Tensor x = Tensor.arange(5);
        assertSizes(x.split(2, 0), 2, 2, 1);
        assertSizes(x.split(5, 0), 5);
        assertSizes(x.split(new int[] {1, 0, 4}, 0), 1, 0, 4);
        assertSizes(x.chunk(4, 0), 2, 2, 1);
        assertSizes(x.chunk(6, 0), 1, 1, 1, 1, 1);
        assertSizes(x.tensorSplit(3, 0), 2, 2, 1);
        assertSizes(x.tensorSplit(4, 0), 2, 1, 1, 1);
        assertSizes(x.tensorSplit(7, 0), 1, 1, 1, 1, 1, 0, 0);
        assertSizes(Tensor.zeros(0).chunk(3, 0), 0, 0, 0);
        assertSizes(Tensor.zeros(0).split(2, 0), 0);
        assertTensor(x.split(2, 0).get(1), dims(2), 2, 3);
        assertTensor(MATRIX.chunk(2, 1).get(1), dims(2, 1), 3, 6);
        assertRejected(() -> x.split(new int[] {1, 2}, 0),
                "split: sizes [1, 2] sum to 3, but axis 0 of shape [5] has 5 elements");
        assertRejected(() -> x.split(0, 0), "split: size must be positive, got 0");
        assertRejected(() -> x.chunk(0, 0), "chunk: chunks must be positive, got 0");
        assertRejected(() -> x.tensorSplit(0, 0), "tensorSplit: sections must be positive");
    }

    private static void assertSizes(ImmutableList<Tensor> pieces, int... sizes) {
        assertArrayEquals(sizes, pieces.stream().mapToInt(Tensor::size).toArray());
    }

    @Test
    void padFillsByModeInPyTorchOrder() {
        Tensor x = Tensor.of(1, 2, 3, 4);
        assertTensor(x.pad(new int[] {2, 2}, PadMode.REFLECT), dims(8), 3, 2, 1, 2, 3, 4, 3, 2);
        assertTensor(x.pad(new int[] {2, 2}, PadMode.REPLICATE), dims(8), 1, 1, 1, 2, 3, 4, 4,
                4);
        assertTensor(x.pad(new int[] {2, 2}, PadMode.CIRCULAR), dims(8), 3, 4, 1, 2, 3, 4, 1, 2);
        assertTensor(x.pad(2, 1), dims(7), 0, 0, 1, 2, 3, 4, 0);
        assertTensor(x.pad(new int[] {1, 0}, 9.5), dims(5), 9.5, 1, 2, 3, 4);
        assertTensor(x.pad(new int[] {0, 1}, Double.NaN).slice(0, 4, 5), dims(1), Double.NaN);
        // (0, 0) for the last axis, then (1, 0) for the first: one replicated row on top
        assertTensor(MATRIX.pad(new int[] {0, 0, 1, 0}, PadMode.REPLICATE), dims(3, 3),
                1, 2, 3, 1, 2, 3, 4, 5, 6);
        // corners as NumPy's np.pad(m, 1, 'reflect'): axis by axis
        assertTensor(MATRIX.pad(new int[] {1, 1, 1, 1}, PadMode.REFLECT), dims(4, 5),
                5, 4, 5, 6, 5, 2, 1, 2, 3, 2, 5, 4, 5, 6, 5, 2, 1, 2, 3, 2);
        assertSame(x, x.pad(new int[] {0, 0}, PadMode.REFLECT));
    }

    /** Each padded position's cotangent goes back to the element it copies. */
    @Test
    void padGradientsCountTheCopies() {
        Tensor x = Tensor.of(1, 2, 3, 4);
        // reflect [3, 2, 1, 2, 3, 4, 3, 2]: element 2 appears 3 times, element 3 too
        assertTensor(Autodiff.grad(t -> t.pad(new int[] {2, 2}, PadMode.REFLECT).sum(), x),
                dims(4), 1, 3, 3, 1);
        assertTensor(Autodiff.grad(t -> t.pad(new int[] {2, 2}, PadMode.REPLICATE).sum(), x),
                dims(4), 3, 1, 1, 3);
        // circular [2, 3, 4, 1, 2, 3, 4, 1]: every element twice
        assertTensor(Autodiff.grad(t -> t.pad(new int[] {3, 1}, PadMode.CIRCULAR).sum(), x),
                dims(4), 2, 2, 2, 2);
        assertTensor(Autodiff.grad(t -> t.pad(new int[] {1, 1}, 5.0).sum(), x),
                dims(4), 1, 1, 1, 1);
    }

    @Test
    void padRefusesWidthsItsModeCannotFill() {
        Tensor x = Tensor.of(1, 2, 3);
        assertRejected(() -> x.pad(1), "pad: widths [1] must be (before, after) pairs"
                + " for at most the 1 axes of shape [3]");
        assertRejected(() -> x.pad(1, 1, 1, 1), "pad: widths [1, 1, 1, 1]");
        assertRejected(() -> x.pad(-1, 0), "pad: widths must be non-negative, got [-1, 0]");
        assertRejected(() -> x.pad(new int[] {3, 0}, PadMode.REFLECT),
                "pad: REFLECT widths (3, 0) must be less than the size 3 of axis 0 of shape [3]");
        assertRejected(() -> x.pad(new int[] {0, 4}, PadMode.CIRCULAR),
                "pad: CIRCULAR widths (0, 4) must be at most the size 3");
        assertRejected(() -> Tensor.zeros(2, 0).pad(new int[] {1, 0}, PadMode.REPLICATE),
                "pad: REPLICATE needs a non-empty axis, axis 1 of shape [2, 0] is empty");
        assertRejected(() -> Tensor.ofInts(1, 2).pad(new int[] {1, 0}, 0.5),
                "pad: value 0.5 is not a whole number that int32 holds");
    }

    /**
     * Every movement and indexing operation keeps an int32, int64 or float32 tensor's dtype and
     * moves its values exactly (they are whole numbers, exact in every dtype).
     */
    @Test
    void everyMovementOperationWorksOnIntegerAndFloat32Tensors() {
        Tensor index = Tensor.ofInts(2, -1, 0, 2);
        Map<String, Function<Tensor, Tensor>> ops = new LinkedHashMap<>();
        ops.put("reshape", t -> t.reshape(4, 6));
        ops.put("permute", t -> t.permute(2, 0, 1));
        ops.put("broadcastTo", t -> t.broadcastTo(Shape.of(2, 2, 3, 4)));
        ops.put("flatten", t -> t.flatten(0, 1));
        ops.put("squeeze", t -> t.expandDims(0, 2).squeeze());
        ops.put("unsqueeze", t -> t.unsqueeze(-1));
        ops.put("swapAxes", t -> t.swapAxes(0, 2));
        ops.put("moveAxis", t -> t.moveAxis(-1, 0));
        ops.put("slice", t -> t.slice(2, 1, null, 2));
        ops.put("sliceBackwards", t -> t.slice(1, null, null, -2));
        ops.put("flip", t -> t.flip(0, 2));
        ops.put("roll", t -> t.roll(-3, 2));
        ops.put("rollFlat", t -> t.roll(7));
        ops.put("repeatInterleave", t -> t.repeatInterleave(2, 1));
        ops.put("repeatInterleaveCounts", t -> t.repeatInterleave(new int[] {3, 0, 1}, 1));
        ops.put("tile", t -> t.tile(2, 1, 1, 2));
        ops.put("concat", t -> Tensor.concat(List.of(t, t.slice(1, 0, 1)), 1));
        ops.put("stack", t -> Tensor.stack(List.of(t, t.flip(0)), 1));
        ops.put("split", t -> Tensor.concat(t.split(3, 2).reverse(), 2));
        ops.put("chunk", t -> Tensor.concat(t.chunk(2, 1).reverse(), 1));
        ops.put("tensorSplit", t -> Tensor.concat(t.tensorSplit(3, 2).reverse(), 2));
        ops.put("padConstant", t -> t.pad(new int[] {1, 2, 0, 1}, 7));
        ops.put("padReflect", t -> t.pad(new int[] {3, 2, 2, 1}, PadMode.REFLECT));
        ops.put("padReplicate", t -> t.pad(new int[] {1, 2}, PadMode.REPLICATE));
        ops.put("padCircular", t -> t.pad(new int[] {4, 1, 0, 3}, PadMode.CIRCULAR));
        ops.put("indexSelect", t -> t.indexSelect(2, index));
        ops.put("take", t -> t.take(index.reshape(2, 2), 1));
        ops.put("takeFlat", t -> t.take(Tensor.ofLongs(23, -24, 5)));
        ops.put("gather", t -> t.gather(2, Tensor.ofInts(new int[] {3, 3, 0, 1, 2, 0}, 1, 2, 3)));
        ops.put("maskedSelect", t -> t.maskedSelect(Tensor.ofInts(1, 0, 0, 1)));
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        ops.put("scatterAdd", t -> t.scatterAdd(0, Tensor.ofInts(new int[] {1, 1, 0}, 1, 1, 3),
                t.slice(0, 0, 1).slice(1, 0, 1).slice(2, 0, 3)));
        ops.put("indexAdd", t -> t.indexAdd(1, Tensor.ofLongs(2, 2), t.slice(1, 0, 2)));
        for (DType dtype : List.of(DType.INT32, DType.INT64, DType.FLOAT32)) {
            Tensor xi = x.cast(dtype);
            for (Map.Entry<String, Function<Tensor, Tensor>> op : ops.entrySet()) {
                Tensor want = op.getValue().apply(x);
                Tensor got = op.getValue().apply(xi);
                assertEquals(dtype, got.dtype(), op.getKey());
                assertEquals(want.shape(), got.shape(), op.getKey());
                assertArrayEquals(want.toArray(), got.toArray(), op.getKey() + " " + dtype);
                assertFalse(got.isTraced());
            }
        }
    }

    /** Forward mode transposes the vjp rules: both Jacobians agree through every new primitive. */
    @Test
    void forwardAndReverseJacobiansAgreeThroughMovementAndIndexing() {
        Tensor index = Tensor.ofInts(new int[] {2, 0, 2, -1}, 2, 2);
        Tensor column = Tensor.ofInts(new int[] {0, -1}, 2, 1);
        Function<Tensor, Tensor> f = t -> Tensor.concat(List.of(
                t.gather(1, index).tanh(), t.flip(0).pad(new int[] {1, 1}, PadMode.REFLECT),
                Tensor.zeros(2, 1).scatterAdd(1, column, t.slice(1, 0, 1)),
                t.indexSelect(1, Tensor.ofLongs(0, 0))
                        .indexAdd(0, Tensor.ofInts(1), t.slice(0, 0, 1).slice(1, 0, 2))), 1);
        Tensor x = Tensor.of(new double[][] {{0.1, -0.7, 1.2}, {0.4, 2.0, -1.1}});
        Tensor reverse = Autodiff.jacobian(f, x);
        Tensor forward = Autodiff.jacobianForward(f, x);
        assertEquals(Shape.of(2, 10, 2, 3), reverse.shape());
        assertTrue(forward.allClose(reverse, 1e-12, 1e-12), forward + "\n" + reverse);
    }

    /** Jacobians stack their rows with {@link Tensor#stack} when the rows are traced. */
    @Test
    void jacobianOfAGradientStacksTracedRows() {
        Tensor x = Tensor.of(0.5, -1.0);
        // f(x) = sum(x^3): the Hessian is diag(6x), built from traced rows inside the outer grad
        Tensor hessian = Autodiff.hessian(t -> t.pow(3.0).sum(), x);
        assertTensor(hessian, dims(2, 2), 3, 0, 0, -6);
        Tensor third = Autodiff.grad(t -> Autodiff.hessian(s -> s.pow(3.0).sum(), t).sum(), x);
        assertTensor(third, dims(2), 6, 6);
    }
}
