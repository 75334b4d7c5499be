package jgrad.core;

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
import net.jqwik.api.Tuple.Tuple3;

/**
 * Gradients of indexing by integer tensors against central differences in float64: index
 * tensors of int32 or int64 with values in {@code [-n, n)}, so negative indices and repeated ones
 * (whose contributions must accumulate) both occur in most tries. {@code Tuple3} holds the
 * differentiated tensor, the index tensor and the axis.
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class IndexingGradientTest {

    @Property
    @Covers(IndexSelect.class)
    void indexSelectVjpMatchesCentralDifference(
            @ForAll("selections") Tuple3<Tensor, Tensor, Integer> input) {
        Tensor index = input.get2();
        int axis = input.get3();
        GradCheck.assertVjpMatches(t -> t.indexSelect(axis, index).tanh(), input.get1(),
                Tolerance.FLOAT64);
    }

    /**
     * {@code take} along an axis with an index of any rank, and flat with the same index (its
     * values, in {@code [-n, n)}, are valid flat positions too).
     */
    @Property
    @Covers(IndexSelect.class)
    void takeVjpMatchesCentralDifference(@ForAll("takes") Tuple3<Tensor, Tensor, Integer> input) {
        Tensor index = input.get2();
        int axis = input.get3();
        GradCheck.assertVjpMatches(t -> t.take(index, axis).tanh(), input.get1(),
                Tolerance.FLOAT64);
        GradCheck.assertVjpMatches(t -> t.take(index).tanh(), input.get1(), Tolerance.FLOAT64);
    }

    @Property
    @Covers(Gather.class)
    void gatherVjpMatchesCentralDifference(
            @ForAll("gathers") Tuple3<Tensor, Tensor, Integer> input) {
        Tensor index = input.get2();
        int axis = input.get3();
        GradCheck.assertVjpMatches(t -> t.gather(axis, index).tanh(), input.get1(),
                Tolerance.FLOAT64);
    }

    /** With respect to the source, then the target (the other fixed). */
    @Property
    @Covers(ScatterAdd.class)
    void scatterAddVjpMatchesCentralDifference(
            @ForAll("gathers") Tuple3<Tensor, Tensor, Integer> input) {
        Tensor target = input.get1();
        Tensor index = input.get2();
        int axis = input.get3();
        Tensor source = Tensor.arange(index.size()).reshape(index.shape()).mul(0.25).sub(1);
        GradCheck.assertVjpMatches(s -> target.scatterAdd(axis, index, s).tanh(), source,
                Tolerance.FLOAT64);
        GradCheck.assertVjpMatches(t -> t.scatterAdd(axis, index, source).tanh(), target,
                Tolerance.FLOAT64);
    }

    /** With respect to the source, then the target (the other fixed). */
    @Property
    @Covers(IndexAdd.class)
    void indexAddVjpMatchesCentralDifference(
            @ForAll("selections") Tuple3<Tensor, Tensor, Integer> input) {
        Tensor target = input.get1();
        Tensor index = input.get2();
        int axis = input.get3();
        int[] dims = target.shape().toArray();
        dims[axis] = index.size();
        Tensor source = Tensor.arange(Shape.of(dims).size()).reshape(dims).mul(0.25).sub(1);
        GradCheck.assertVjpMatches(s -> target.indexAdd(axis, index, s).tanh(), source,
                Tolerance.FLOAT64);
        GradCheck.assertVjpMatches(t -> t.indexAdd(axis, index, source).tanh(), target,
                Tolerance.FLOAT64);
    }

    /** The mask is drawn as a 0/1 tensor of a broadcast partner's shape. */
    @Property
    @Covers(IndexSelect.class)
    void maskedSelectVjpMatchesCentralDifference(
            @ForAll("masks") Tuple3<Tensor, Tensor, Integer> input) {
        Tensor mask = input.get2();
        GradCheck.assertVjpMatches(t -> t.maskedSelect(mask).tanh(), input.get1(),
                Tolerance.FLOAT64);
    }

    /** Index values in {@code [-n, n)} of a random integer dtype, of {@code shape}. */
    static Arbitrary<Tensor> indices(Shape shape, int n) {
        return Combinators.combine(Arbitraries.integers().between(-n, n - 1)
                        .array(int[].class).ofSize(shape.size()), Arbitraries.of(true, false))
                .as((values, wide) -> {
                    Tensor index = Tensor.ofInts(values, shape.toArray());
                    return wide ? index.cast(DType.INT64) : index;
                });
    }

    private static Arbitrary<Tensor> nonScalar() {
        return TensorArbitraries.tensors(1, 3, -3, 3);
    }

    private static Arbitrary<Integer> axis(Tensor x) {
        return Arbitraries.integers().between(0, x.rank() - 1);
    }

    /** A tensor, a 1-D index of 0 to 6 entries into an axis, and the axis. */
    @Provide
    Arbitrary<Tuple3<Tensor, Tensor, Integer>> selections() {
        return nonScalar().flatMap(x -> axis(x).flatMap(a -> Arbitraries.integers().between(0, 6)
                .flatMap(k -> indices(Shape.of(k), x.shape().dim(a)))
                .map(index -> Tuple.of(x, index, a))));
    }

    /** A tensor, an index of rank 0 to 2 into an axis, and the axis. */
    @Provide
    Arbitrary<Tuple3<Tensor, Tensor, Integer>> takes() {
        return nonScalar().flatMap(x -> axis(x).flatMap(a -> TensorArbitraries.shapes(0, 2)
                .flatMap(shape -> indices(shape, x.shape().dim(a)))
                .map(index -> Tuple.of(x, index, a))));
    }

    /**
     * A tensor, an index of its rank no longer than it off the axis (any length 1 to 5 on it),
     * and the axis.
     */
    @Provide
    Arbitrary<Tuple3<Tensor, Tensor, Integer>> gathers() {
        return nonScalar().flatMap(x -> axis(x).flatMap(a -> Arbitraries.integers()
                .between(1, 1_000_000).list().ofSize(x.rank()).flatMap(draws -> {
                    int[] dims = new int[x.rank()];
                    for (int d = 0; d < dims.length; d++) {
                        dims[d] = d == a ? 1 + draws.get(d) % 5
                                : 1 + draws.get(d) % x.shape().dim(d);
                    }
                    return indices(Shape.of(dims), x.shape().dim(a));
                }).map(index -> Tuple.of(x, index, a))));
    }

    @Provide
    Arbitrary<Tuple3<Tensor, Tensor, Integer>> masks() {
        return nonScalar().flatMap(x -> TensorArbitraries.broadcastPartners(x.shape())
                .flatMap(shape -> Arbitraries.of(0.0, 1.0).list().ofSize(shape.size())
                        .map(bits -> Tensor.of(bits.stream().mapToDouble(b -> b).toArray(),
                                shape.toArray())))
                .map(mask -> Tuple.of(x, mask, 0)));
    }
}
