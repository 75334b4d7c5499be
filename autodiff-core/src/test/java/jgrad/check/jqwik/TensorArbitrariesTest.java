package jgrad.check.jqwik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.function.Function;
import jgrad.core.Domain;
import jgrad.check.GradCheck;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The published arbitraries draw what they promise; gradient properties shrink failures. */
@PropertyDefaults(tries = 100, edgeCases = EdgeCasesMode.NONE)
class TensorArbitrariesTest {

    private static final Domain LOG1P_AND_RELU = Domain.greaterThan(-1).withKinks(0);

    @Property
    void float32TensorsHoldFloat32Values(@ForAll("float32") Tensor x) {
        assertEquals(DType.FLOAT32, x.dtype());
        for (double value : x.toArray()) {
            assertEquals((float) value, value, 0.0);
            assertTrue(-2 <= value && value <= 2, "value " + value);
        }
    }

    @Property
    void valuesAvoidingADomainKeepTheMarginFromItsEdgeAndKinks(@ForAll("avoiding") Tensor x) {
        for (double value : x.toArray()) {
            assertTrue(value >= -1 + 0.01 && Math.abs(value) >= 0.01, "value " + value);
        }
    }

    @Property
    void batchesPutTheBatchDimensionFirst(@ForAll("batches") Tensor x) {
        assertEquals(3, x.rank());
        assertTrue(1 <= x.shape().dim(0) && x.shape().dim(0) <= 5, x.shape().toString());
        assertEquals(Shape.of(2, 3), Shape.of(x.shape().dim(1), x.shape().dim(2)));
    }

    @Property
    void broadcastPairsBroadcast(@ForAll("pairs") TensorPair pair) {
        Shape.broadcast(pair.a().shape(), pair.b().shape(), "test"); // throws if not
    }

    @Provide
    Arbitrary<Tensor> float32() {
        return TensorArbitraries.tensors().between(-2, 2).dtype(DType.FLOAT32);
    }

    @Provide
    Arbitrary<Tensor> avoiding() {
        return TensorArbitraries.tensors().avoiding(LOG1P_AND_RELU).margin(0.01);
    }

    @Provide
    Arbitrary<Tensor> batches() {
        return TensorArbitraries.batches(1, 5, Shape.of(2, 3), -1, 1);
    }

    @Provide
    Arbitrary<TensorPair> pairs() {
        return TensorArbitraries.broadcastPairs(-1, 1);
    }

    @Test
    void aDomainThatLeavesNoValuesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TensorArbitraries.tensors()
                .between(-3, -2).avoiding(Domain.greaterThan(0)).values());
    }

    /** A gradient off by a factor 2 fails everywhere but 0: shrinking finds a scalar. */
    @Test
    void aFailingGradientShrinksToTheSmallestShape() {
        Function<Tensor, Tensor> wrong = x -> x.mul(x.stopGradient()).sum();
        Optional<GradProperties.Counterexample<Tensor>> found = GradProperties.findCounterexample(
                GradCheck.of(wrong)::reverseMode, TensorArbitraries.tensors(), 50, 7);
        GradProperties.Counterexample<Tensor> failure = found.orElseThrow();
        assertEquals(0, failure.shrunk().rank(), failure.toString());
        assertTrue(Math.abs(failure.shrunk().item()) < 0.1, failure.toString());
        assertTrue(failure.shrinkSteps() > 0 || failure.original().rank() == 0);
        assertTrue(!failure.report().passed());
        AssertionError error = assertThrows(AssertionError.class, () ->
                GradProperties.assertGradientsAgree(wrong, TensorArbitraries.tensors()));
        assertTrue(error.getMessage().contains("shrunk input: tensor("), error.getMessage());
        assertTrue(error.getMessage().contains("your") || error.getMessage().contains("jgrad"),
                error.getMessage());
    }

    @Test
    void aRightGradientPassesTheReadyProperty() {
        GradProperties.assertGradientsAgree(Tensor::tanh, TensorArbitraries.tensors());
        GradProperties.assertGradientsAgree(GradCheck.of(t -> t.relu().log1p()).named("relu"),
                TensorArbitraries.tensors().avoiding(Domain.REALS.withKinks(0)));
    }

    /** Inside a jqwik example (no session of its own) the ready property works too. */
    @Example
    void theReadyPropertyRunsInsideAJqwikExample() {
        GradProperties.assertAllPass(GradCheck.of(Tensor::exp)::secondOrder,
                TensorArbitraries.tensors().ofRank(0, 1), 10, 1);
    }
}
