package jgrad.core;

import java.util.List;
import java.util.stream.IntStream;
import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** Gradients of the movement primitives and of {@code sumTo}, their inverse for broadcasting. */
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

    /** A tensor with a broadcast partner of its shape to sum down to. */
    @Provide
    Arbitrary<Tuple2<Tensor, Shape>> summable() {
        return TensorArbitraries.shapes(0, 3).flatMap(shape -> Combinators.combine(
                TensorArbitraries.tensors(shape, -3, 3),
                TensorArbitraries.broadcastPartners(shape)).as(Tuple::of));
    }
}
