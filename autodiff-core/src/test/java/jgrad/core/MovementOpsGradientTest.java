package jgrad.core;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.check.jqwik.TensorArbitraries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple.Tuple3;

/**
 * Gradients of the movement operations added for the everyday operation set: the {@link Flip} and
 * {@link Concat} primitives, and the composites (flatten, squeeze, expandDims, swapAxes, moveAxis,
 * Python slices, roll, repeatInterleave, tile, stack, split, chunk, pad in every mode), each
 * against central differences in float64. The int arrays drawn with a tensor hold an operation's
 * arguments; each property says how it reads them.
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class MovementOpsGradientTest {

    /** {@code args = [start axis, end axis]}, possibly negative, in order. */
    @Property
    @Covers(Reshape.class)
    void flattenVjpMatchesCentralDifference(@ForAll("flattened") Tuple2<Tensor, int[]> input) {
        int[] args = input.get2();
        GradCheck.assertVjpMatches(t -> t.flatten(args[0], args[1]).tanh(), input.get1(),
                Tolerance.FLOAT64);
    }

    @Property
    @Covers(Reshape.class)
    void squeezeAndExpandDimsVjpMatchCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(t -> t.expandDims(0, -1).squeeze().unsqueeze(-1).tanh(), x,
                Tolerance.FLOAT64);
    }

    /** {@code args = [a, b]}: swap axes a and b, then move axis a to position b. */
    @Property
    @Covers(Permute.class)
    void swapAxesAndMoveAxisVjpMatchCentralDifference(
            @ForAll("axisPairs") Tuple2<Tensor, int[]> input) {
        int[] args = input.get2();
        GradCheck.assertVjpMatches(t -> t.swapAxes(args[0], args[1]).tanh()
                .moveAxis(args[0], args[1]), input.get1(), Tolerance.FLOAT64);
    }

    /** {@code args}: the flipped axes. */
    @Property
    @Covers(Flip.class)
    void flipVjpMatchesCentralDifference(@ForAll("flipped") Tuple2<Tensor, int[]> input) {
        int[] axes = input.get2();
        GradCheck.assertVjpMatches(t -> t.flip(axes).mul(t.tanh()), input.get1(),
                Tolerance.FLOAT64);
    }

    /**
     * Python slices along the last axis: {@code args = [start, stop, step, which bounds are
     * omitted (bit 0 start, bit 1 stop)]}, bounds in [-6, 6], step in [-3, 3] but 0.
     */
    @Property
    @Covers({Slice.class, Flip.class})
    void pythonSliceVjpMatchesCentralDifference(@ForAll("pythonSlices") Tuple2<Tensor, int[]> in) {
        int[] args = in.get2();
        Integer start = (args[3] & 1) != 0 ? null : args[0];
        Integer stop = (args[3] & 2) != 0 ? null : args[1];
        GradCheck.assertVjpMatches(t -> t.slice(-1, start, stop, args[2]).tanh(), in.get1(),
                Tolerance.FLOAT64);
    }

    /**
     * Concatenation of pieces of unequal lengths, out of order and one of them a constant: {@code
     * args = [axis, cut]} splits {@code x} at {@code cut} along {@code axis}.
     */
    @Property
    @Covers({Concat.class, Slice.class})
    void concatVjpMatchesCentralDifference(@ForAll("cuts") Tuple2<Tensor, int[]> input) {
        int axis = input.get2()[0];
        int cut = input.get2()[1];
        Tensor constant = input.get1().stopGradient().mul(0.5).add(1.0);
        GradCheck.assertVjpMatches(t -> {
            int n = t.shape().dim(axis);
            Tensor low = t.slice(axis, 0, cut);
            Tensor high = t.slice(axis, cut, n);
            return Tensor.concat(List.of(high.tanh(), constant, low.mul(low)), axis);
        }, input.get1(), Tolerance.FLOAT64);
    }

    /** {@code args = [axis, shift]} (shift in [-9, 9]), and the flattened roll by shift. */
    @Property
    @Covers({Slice.class, Concat.class})
    void rollVjpMatchesCentralDifference(@ForAll("shifts") Tuple2<Tensor, int[]> input) {
        int axis = input.get2()[0];
        int shift = input.get2()[1];
        GradCheck.assertVjpMatches(t -> t.roll(shift, axis).mul(t.roll(-shift).tanh()),
                input.get1(), Tolerance.FLOAT64);
    }

    /** {@code args = [axis, repeats]}, repeats in [0, 3]. */
    @Property
    @Covers({BroadcastTo.class, Reshape.class})
    void repeatInterleaveVjpMatchesCentralDifference(
            @ForAll("repeated") Tuple2<Tensor, int[]> input) {
        int axis = input.get2()[0];
        int repeats = input.get2()[1];
        GradCheck.assertVjpMatches(t -> t.repeatInterleave(repeats, axis).tanh(), input.get1(),
                Tolerance.FLOAT64);
    }

    /** Per-element counts (0 to 3) along the first axis: an {@link IndexSelect}. */
    @Property
    @Covers(IndexSelect.class)
    void repeatInterleaveWithCountsVjpMatchesCentralDifference(
            @ForAll("counted") Tuple2<Tensor, int[]> input) {
        int[] counts = input.get2();
        GradCheck.assertVjpMatches(t -> t.repeatInterleave(counts, 0).tanh(), input.get1(),
                Tolerance.FLOAT64);
    }

    /** {@code args}: the reps, 0 to 4 of them, each 0 to 2. */
    @Property
    @Covers({BroadcastTo.class, Reshape.class})
    void tileVjpMatchesCentralDifference(@ForAll("tiled") Tuple2<Tensor, int[]> input) {
        int[] reps = input.get2();
        GradCheck.assertVjpMatches(t -> t.tile(reps).tanh(), input.get1(), Tolerance.FLOAT64);
    }

    /** {@code args = [axis]}, in {@code [-rank - 1, rank]}. */
    @Property
    @Covers({Concat.class, Reshape.class})
    void stackVjpMatchesCentralDifference(@ForAll("stackAxes") Tuple2<Tensor, int[]> input) {
        int axis = input.get2()[0];
        GradCheck.assertVjpMatches(t -> Tensor.stack(List.of(t.tanh(), t, t.mul(t)), axis),
                input.get1(), Tolerance.FLOAT64);
    }

    /**
     * Split by size, chunk and tensorSplit along an axis, each piece scaled by its position and
     * joined again: {@code args = [axis, size or count]}.
     */
    @Property
    @Covers({Slice.class, Concat.class})
    void splitAndChunkVjpMatchCentralDifference(@ForAll("splits") Tuple2<Tensor, int[]> input) {
        int axis = input.get2()[0];
        int k = input.get2()[1];
        GradCheck.assertVjpMatches(t -> Tensor.concat(List.of(
                weighted(t.split(k, axis), axis), weighted(t.chunk(k, axis), axis),
                weighted(t.tensorSplit(k, axis), axis)), axis), input.get1(), Tolerance.FLOAT64);
    }

    private static Tensor weighted(List<Tensor> pieces, int axis) {
        List<Tensor> scaled = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            scaled.add(pieces.get(i).mul(i + 1.0).tanh());
        }
        return Tensor.concat(scaled, axis);
    }

    /** Every mode with widths that mode allows, from the last axis backwards as PyTorch's. */
    @Property
    @Covers({Concat.class, Slice.class, Flip.class, BroadcastTo.class})
    void padVjpMatchesCentralDifference(
            @ForAll("padWidths") Tuple3<Tensor, int[], PadMode> input) {
        int[] widths = input.get2();
        PadMode mode = input.get3();
        GradCheck.assertVjpMatches(t -> t.pad(widths, mode).tanh(), input.get1(),
                Tolerance.FLOAT64);
        if (mode == PadMode.CONSTANT) {
            GradCheck.assertVjpMatches(t -> t.pad(widths, -0.75).tanh(), input.get1(),
                    Tolerance.FLOAT64);
        }
    }

    @Provide
    Arbitrary<Tensor> moderate() {
        return TensorArbitraries.tensors(0, 3, -3, 3);
    }

    private static Arbitrary<Tensor> nonScalar() {
        return TensorArbitraries.tensors(1, 3, -3, 3);
    }

    /** An axis of {@code x}, in {@code [-rank, rank)}. */
    private static Arbitrary<Integer> axis(Tensor x) {
        return Arbitraries.integers().between(-x.rank(), x.rank() - 1);
    }

    @Provide
    Arbitrary<Tuple2<Tensor, int[]>> flattened() {
        return nonScalar().flatMap(x -> Combinators.combine(axis(x), axis(x)).as((a, b) -> {
            int first = a < 0 ? a + x.rank() : a;
            int second = b < 0 ? b + x.rank() : b;
            return Tuple.of(x, first <= second ? new int[] {a, b} : new int[] {b, a});
        }));
    }

    @Provide
    Arbitrary<Tuple2<Tensor, int[]>> axisPairs() {
        return nonScalar().flatMap(x -> Combinators.combine(axis(x), axis(x))
                .as((a, b) -> Tuple.of(x, new int[] {a, b})));
    }

    @Provide
    Arbitrary<Tuple2<Tensor, int[]>> flipped() {
        return nonScalar().flatMap(x -> Arbitraries.subsetOf(
                IntStream.range(0, x.rank()).boxed().toList())
                .map(axes -> Tuple.of(x, axes.stream().mapToInt(a -> a - x.rank()).toArray())));
    }

    @Provide
    Arbitrary<Tuple2<Tensor, int[]>> pythonSlices() {
        Arbitrary<Integer> bound = Arbitraries.integers().between(-6, 6);
        Arbitrary<Integer> step = Arbitraries.integers().between(-3, 3).filter(s -> s != 0);
        Arbitrary<Integer> omitted = Arbitraries.integers().between(0, 3);
        return nonScalar().flatMap(x -> Combinators.combine(bound, bound, step, omitted)
                .as((start, stop, s, o) -> Tuple.of(x, new int[] {start, stop, s, o})));
    }

    @Provide
    Arbitrary<Tuple2<Tensor, int[]>> cuts() {
        return nonScalar().flatMap(x -> axis(x).flatMap(a -> Arbitraries.integers()
                .between(0, x.shape().dim(a)).map(cut -> Tuple.of(x, new int[] {a, cut}))));
    }

    @Provide
    Arbitrary<Tuple2<Tensor, int[]>> shifts() {
        return nonScalar().flatMap(x -> Combinators.combine(axis(x),
                Arbitraries.integers().between(-9, 9))
                .as((a, s) -> Tuple.of(x, new int[] {a, s})));
    }

    @Provide
    Arbitrary<Tuple2<Tensor, int[]>> repeated() {
        return nonScalar().flatMap(x -> Combinators.combine(axis(x),
                Arbitraries.integers().between(0, 3))
                .as((a, r) -> Tuple.of(x, new int[] {a, r})));
    }

    @Provide
    Arbitrary<Tuple2<Tensor, int[]>> counted() {
        return nonScalar().flatMap(x -> Arbitraries.integers().between(0, 3)
                .array(int[].class).ofSize(x.shape().dim(0)).map(c -> Tuple.of(x, c)));
    }

    @Provide
    Arbitrary<Tuple2<Tensor, int[]>> tiled() {
        return moderate().flatMap(x -> Arbitraries.integers().between(0, 2)
                .array(int[].class).ofMinSize(0).ofMaxSize(4).map(r -> Tuple.of(x, r)));
    }

    @Provide
    Arbitrary<Tuple2<Tensor, int[]>> stackAxes() {
        return moderate().flatMap(x -> Arbitraries.integers().between(-x.rank() - 1, x.rank())
                .map(a -> Tuple.of(x, new int[] {a})));
    }

    @Provide
    Arbitrary<Tuple2<Tensor, int[]>> splits() {
        return nonScalar().flatMap(x -> Combinators.combine(axis(x),
                Arbitraries.integers().between(1, 5))
                .as((a, k) -> Tuple.of(x, new int[] {a, k})));
    }

    /**
     * A tensor, widths for up to all its axes (PyTorch order) and a mode: REFLECT widths below
     * the axis size, CIRCULAR up to it, CONSTANT and REPLICATE 0 to 3.
     */
    @Provide
    Arbitrary<Tuple3<Tensor, int[], PadMode>> padWidths() {
        return nonScalar().flatMap(x -> Combinators.combine(
                Arbitraries.of(PadMode.class), Arbitraries.integers().between(1, x.rank()),
                Arbitraries.integers().between(0, 1_000_000).list().ofSize(2 * x.rank()))
                .as((mode, axes, draws) -> {
                    int[] widths = new int[2 * axes];
                    for (int i = 0; i < widths.length; i++) {
                        int n = x.shape().dim(x.rank() - 1 - i / 2);
                        int limit = mode == PadMode.REFLECT ? n - 1
                                : mode == PadMode.CIRCULAR ? n : 3;
                        widths[i] = draws.get(i) % (limit + 1);
                    }
                    return Tuple.of(x, widths, mode);
                }));
    }
}
