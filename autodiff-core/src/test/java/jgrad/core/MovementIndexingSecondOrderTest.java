package jgrad.core;

import java.util.List;
import java.util.function.Function;
import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.check.jqwik.TensorArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple3;

/**
 * Grad of grad through the movement and indexing primitives: {@code x -> Autodiff.grad(f, x)}
 * against central differences, where {@code f} is nonlinear after the operation so that the
 * second derivative is not zero and each vjp rule ({@link Flip}'s flip, {@link Concat}'s slices,
 * the {@link Gather}/{@link ScatterAdd} and {@link IndexSelect}/{@link IndexAdd} pairs, each the
 * other's vjp) is itself differentiated.
 */
@PropertyDefaults(tries = 100, edgeCases = EdgeCasesMode.NONE)
class MovementIndexingSecondOrderTest {

    @Property
    @Covers({Flip.class, Concat.class, Slice.class})
    void gradOfFlippedConcatenationMatchesCentralDifference(@ForAll("nonScalar") Tensor x) {
        checkGradOfGrad(t -> {
            Tensor joined = Tensor.concat(List.of(t.flip(-1).tanh(), t.mul(t)), -1);
            return joined.mul(joined.roll(1, -1)).sum();
        }, x);
    }

    @Property
    @Covers({Concat.class, Slice.class, Flip.class, BroadcastTo.class})
    void gradOfReflectAndReplicatePaddingMatchesCentralDifference(
            @ForAll("nonScalar") Tensor x) {
        int n = x.shape().dim(-1);
        int[] widths = {n - 1, Math.min(1, n - 1)};
        checkGradOfGrad(t -> t.pad(widths, PadMode.REFLECT).tanh().sum()
                .add(t.pad(new int[] {1, 2}, PadMode.REPLICATE).square().tanh().sum()), x);
    }

    @Property
    @Covers({Gather.class, ScatterAdd.class})
    void gradOfGatheredSquaresMatchesCentralDifference(
            @ForAll("gathers") Tuple3<Tensor, Tensor, Integer> input) {
        Tensor index = input.get2();
        int axis = input.get3();
        checkGradOfGrad(t -> t.gather(axis, index).tanh().mul(t.gather(axis, index)).sum(),
                input.get1());
    }

    @Property
    @Covers({ScatterAdd.class, Gather.class})
    void gradOfScatteredTanhMatchesCentralDifference(
            @ForAll("gathers") Tuple3<Tensor, Tensor, Integer> input) {
        Tensor target = input.get1().stopGradient();
        Tensor index = input.get2();
        int axis = input.get3();
        Tensor source = Tensor.linspace(-1, 1, index.size()).reshape(index.shape());
        checkGradOfGrad(s -> target.scatterAdd(axis, index, s.tanh()).square().sum(), source);
    }

    @Property
    @Covers({IndexSelect.class, IndexAdd.class})
    void gradOfSelectedRowsMatchesCentralDifference(
            @ForAll("selections") Tuple3<Tensor, Tensor, Integer> input) {
        Tensor index = input.get2();
        int axis = input.get3();
        checkGradOfGrad(t -> t.indexSelect(axis, index).square().tanh().sum(), input.get1());
    }

    @Property
    @Covers({IndexAdd.class, IndexSelect.class})
    void gradOfIndexAddedTanhMatchesCentralDifference(
            @ForAll("selections") Tuple3<Tensor, Tensor, Integer> input) {
        Tensor target = input.get1();
        Tensor index = input.get2();
        int axis = input.get3();
        int[] dims = target.shape().toArray();
        dims[axis] = index.size();
        Tensor source = Tensor.linspace(-1, 1, Shape.of(dims).size()).reshape(dims);
        checkGradOfGrad(s -> target.indexAdd(axis, index, s.tanh()).square().sum(), source);
    }

    private static void checkGradOfGrad(Function<Tensor, Tensor> f, Tensor x) {
        GradCheck.assertVjpMatches(y -> Autodiff.grad(f, y), x, Tolerance.FLOAT64);
    }

    @Provide
    Arbitrary<Tensor> nonScalar() {
        return TensorArbitraries.tensors(1, 3, -2, 2);
    }

    @Provide
    Arbitrary<Tuple3<Tensor, Tensor, Integer>> gathers() {
        return new IndexingGradientTest().gathers();
    }

    @Provide
    Arbitrary<Tuple3<Tensor, Tensor, Integer>> selections() {
        return new IndexingGradientTest().selections();
    }
}
