package jgrad.core;

import com.google.common.primitives.ImmutableIntArray;
import java.util.List;
import java.util.stream.IntStream;
import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.check.jqwik.TensorArbitraries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Gradients of the movement primitives, of {@code sumTo} (the inverse of broadcasting) and of
 * {@code maxPool1d} (the windows unfolded, then max).
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class MovementGradientTest {

    @Property
    @Covers(Reshape.class)
    void reshapeToAVectorVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(t -> t.reshape(-1), x, Tolerance.FLOAT64);
    }

    /** Reversing the dimensions moves elements between axes unless the shape is symmetric. */
    @Property
    @Covers(Reshape.class)
    void reshapeToReversedDimensionsVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        int[] dims = x.shape().toArray();
        int[] reversed = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            reversed[i] = dims[dims.length - 1 - i];
        }
        GradCheck.assertVjpMatches(t -> t.reshape(reversed).mul(t.reshape(reversed).tanh()),
                x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Permute.class)
    void transposeVjpMatchesCentralDifference(@ForAll("moderate") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::transpose, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Permute.class)
    void permuteVjpMatchesCentralDifference(@ForAll("permutations") Tuple2<Tensor, int[]> input) {
        int[] order = input.get2();
        GradCheck.assertVjpMatches(t -> t.permute(order), input.get1(), Tolerance.FLOAT64);
    }

    @Property
    @Covers(BroadcastTo.class)
    void broadcastToVjpMatchesCentralDifference(
            @ForAll("broadcastable") Tuple2<Tensor, Shape> input) {
        Shape target = input.get2();
        GradCheck.assertVjpMatches(t -> t.broadcastTo(target), input.get1(), Tolerance.FLOAT64);
    }

    @Property
    @Covers({ReduceSum.class, Reshape.class})
    void sumToVjpMatchesCentralDifference(@ForAll("summable") Tuple2<Tensor, Shape> input) {
        Shape target = input.get2();
        GradCheck.assertVjpMatches(t -> t.sumTo(target), input.get1(), Tolerance.FLOAT64);
    }

    @Property
    @Covers(Slice.class)
    void sliceVjpMatchesCentralDifference(@ForAll("sliced") Tuple2<Tensor, Slice> input) {
        Slice slice = input.get2();
        GradCheck.assertVjpMatches(t -> Tensor.apply(slice, t), input.get1(), Tolerance.FLOAT64);
    }

    @Property
    @Covers(Slice.class)
    void sliceAlongOneAxisVjpMatchesCentralDifference(
            @ForAll("sliced") Tuple2<Tensor, Slice> input) {
        Tensor x = input.get1();
        Slice slice = input.get2();
        int axis = x.rank() - 1;
        Assume.that(axis >= 0);
        GradCheck.assertVjpMatches(t -> t.slice(-1, slice.starts().get(axis),
                slice.ends().get(axis), slice.steps().get(axis)).tanh(), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers(Pad.class)
    void padVjpMatchesCentralDifference(@ForAll("padded") Tuple2<Tensor, Pad> input) {
        Pad pad = input.get2();
        GradCheck.assertVjpMatches(t -> Tensor.apply(pad, t), input.get1(), Tolerance.FLOAT64);
    }

    /** Distinct values: no ties within a window, so max is differentiable there. */
    @Property
    @Covers({Unfold.class, ReduceMax.class, Reshape.class})
    void maxPool1dVjpMatchesCentralDifference(@ForAll("pooled") Tuple2<Tensor, int[]> input) {
        int window = input.get2()[0];
        int stride = input.get2()[1];
        GradCheck.assertVjpMatches(t -> t.maxPool1d(window, stride), input.get1(),
                Tolerance.FLOAT64);
    }

    @Provide
    Arbitrary<Tensor> moderate() {
        return TensorArbitraries.tensors(0, 3, -3, 3);
    }

    /** A tensor with a permutation of its axes. */
    @Provide
    Arbitrary<Tuple2<Tensor, int[]>> permutations() {
        return TensorArbitraries.tensors(0, 3, -3, 3).flatMap(x -> {
            List<Integer> axes = IntStream.range(0, x.rank()).boxed().toList();
            return Arbitraries.shuffle(axes).map(order -> Tuple.of(
                    x, order.stream().mapToInt(Integer::intValue).toArray()));
        });
    }

    /** A tensor of a broadcast partner's shape, with the shape it broadcasts to. */
    @Provide
    Arbitrary<Tuple2<Tensor, Shape>> broadcastable() {
        return TensorArbitraries.shapes(0, 3).flatMap(target -> TensorArbitraries
                .broadcastPartners(target)
                .flatMap(shape -> TensorArbitraries.tensors(shape, -3, 3))
                .map(x -> Tuple.of(x, target)));
    }

    /** A tensor with a slice of it: per axis start and end in {@code [0, dim]}, step 1 to 3. */
    @Provide
    Arbitrary<Tuple2<Tensor, Slice>> sliced() {
        return TensorArbitraries.tensors(0, 3, -3, 3).flatMap(x -> Arbitraries.integers()
                .between(0, 1_000_000).list().ofSize(3 * x.rank()).map(draws -> {
                    int rank = x.rank();
                    int[] starts = new int[rank];
                    int[] ends = new int[rank];
                    int[] steps = new int[rank];
                    for (int d = 0; d < rank; d++) {
                        int n = x.shape().dim(d);
                        starts[d] = draws.get(3 * d) % (n + 1);
                        ends[d] = draws.get(3 * d + 1) % (n + 1);
                        steps[d] = 1 + draws.get(3 * d + 2) % 3;
                    }
                    return Tuple.of(x, new Slice(ImmutableIntArray.copyOf(starts),
                            ImmutableIntArray.copyOf(ends), ImmutableIntArray.copyOf(steps)));
                }));
    }

    /** A tensor with a padding of it: per axis low, high and interior 0 to 2. */
    @Provide
    Arbitrary<Tuple2<Tensor, Pad>> padded() {
        return TensorArbitraries.tensors(0, 3, -3, 3).flatMap(x -> Arbitraries.integers()
                .between(0, 2).list().ofSize(3 * x.rank()).map(draws -> {
                    int rank = x.rank();
                    return Tuple.of(x, new Pad(
                            ImmutableIntArray.copyOf(draws.subList(0, rank)),
                            ImmutableIntArray.copyOf(draws.subList(rank, 2 * rank)),
                            ImmutableIntArray.copyOf(draws.subList(2 * rank, 3 * rank))));
                }));
    }

    /** Distinct values of rank 1 to 3 with a window (fitting the last axis) and a stride 1-3. */
    @Provide
    Arbitrary<Tuple2<Tensor, int[]>> pooled() {
        return TensorArbitraries.distinct(1, 3, -3, 3).flatMap(x -> Combinators.combine(
                Arbitraries.integers().between(1, x.shape().dim(x.rank() - 1)),
                Arbitraries.integers().between(1, 3))
                .as((window, stride) -> Tuple.of(x, new int[] {window, stride})));
    }

    /** A tensor with a broadcast partner of its shape to sum down to. */
    @Provide
    Arbitrary<Tuple2<Tensor, Shape>> summable() {
        return TensorArbitraries.shapes(0, 3).flatMap(shape -> Combinators.combine(
                TensorArbitraries.tensors(shape, -3, 3),
                TensorArbitraries.broadcastPartners(shape)).as(Tuple::of));
    }
}
