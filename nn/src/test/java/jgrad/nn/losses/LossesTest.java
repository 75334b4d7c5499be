package jgrad.nn.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import jgrad.core.Autodiff;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.core.ValueAndGrad;
import org.junit.jupiter.api.Test;

/**
 * Known values, hand-derived (derivations in comments), with the case tolerance {@code |got -
 * want| <= 1e-12 + 1e-12 |want|}; and the error messages of bad inputs.
 */
class LossesTest {

    private static final Tensor PREDICTIONS = Tensor.of(new double[][] {{1, 2}, {3, 4}});
    private static final Tensor TARGETS = Tensor.of(new double[][] {{0, 2}, {5, 1}});

    // ---------------------------------------------------------------- regression

    @Test
    void halfSquaredErrorIsHalfTheSumOfSquaresWithGradientPredictionsMinusTargets() {
        // differences [1, 0, -2, 3], squares sum to 14, half is 7; d/dp = p - t.
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(
                p -> Losses.halfSquaredError(p, TARGETS), PREDICTIONS);
        assertClose(Tensor.scalar(7), vg.value());
        assertClose(Tensor.of(new double[][] {{1, 0}, {-2, 3}}), vg.grad());
    }

    @Test
    void meanSquaredErrorAveragesOverAllElements() {
        // 14 / 4 = 3.5; d/dp = 2 (p - t) / 4.
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(
                p -> Losses.meanSquaredError(p, TARGETS), PREDICTIONS);
        assertClose(Tensor.scalar(3.5), vg.value());
        assertClose(Tensor.of(new double[][] {{0.5, 0}, {-1, 1.5}}), vg.grad());
    }

    @Test
    void builtInL1WithSumMatchesTheElementwiseAbsPathAtTheKink() {
        // C02 (i), (ii): a = [-1, 0, 1], b = 0: L = 2, grad a = [-1, 0, 1] (abs'(0) = 0).
        Tensor a = Tensor.of(-1, 0, 1);
        Tensor b = Tensor.zeros(3);
        ValueAndGrad<Tensor> builtIn = Autodiff.valueAndGrad(
                t -> Losses.l1(t, b, Reduction.SUM), a);
        ValueAndGrad<Tensor> byHand = Autodiff.valueAndGrad(t -> t.sub(b).abs().sum(), a);
        assertClose(Tensor.scalar(2), builtIn.value());
        assertClose(Tensor.of(-1, 0, 1), builtIn.grad());
        assertClose(byHand.grad(), builtIn.grad());
    }

    @Test
    void builtInL1WithMeanDividesByTheElementCount() {
        // C02 (iii): L = 2/3, grad a = [-1/3, 0, 1/3].
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(
                t -> Losses.l1(t, Tensor.zeros(3), Reduction.MEAN), Tensor.of(-1, 0, 1));
        assertClose(Tensor.scalar(0.6666666666666666), vg.value());
        assertClose(Tensor.of(-1.0 / 3, 0, 1.0 / 3), vg.grad());
        assertClose(vg.value(), Losses.l1(Tensor.of(-1, 0, 1), Tensor.zeros(3)));
        assertClose(Tensor.of(1, 0, 1),
                Losses.l1(Tensor.of(-1, 0, 1), Tensor.zeros(3), Reduction.NONE));
    }

    @Test
    void regressionLossesRefuseShapesThatWouldBroadcast() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.meanSquaredError(Tensor.zeros(3, 1), Tensor.zeros(3)));
        assertEquals("meanSquaredError: predictions and targets must have equal shapes,"
                + " got [3, 1] and [3]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.halfSquaredError(Tensor.zeros(2), Tensor.zeros(3)));
        assertEquals("halfSquaredError: predictions and targets must have equal shapes,"
                + " got [2] and [3]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.l1(Tensor.zeros(2), Tensor.zeros(2).cast(DType.FLOAT32)));
        assertTrue(e.getMessage().startsWith("l1: predictions are float64 but targets are"),
                e.getMessage());
    }

    // ---------------------------------------------------------------- cross-entropy

    private static final Tensor LARGE_LOGITS = Tensor.of(new double[][] {
            {1000, 1000}, {0, -1000}, {1e8, 1e8}});
    private static final ImmutableIntArray LARGE_LABELS = ImmutableIntArray.of(1, 1, 0);

    @Test
    void crossEntropyFromLargeLogitsIsExact() {
        // C04: l_i = logSumExp(Z_i) - Z_i,t_i = [ln 2, 1000, ln 2]; L = their mean;
        // grad = (softmax(Z) - onehot(t)) / 3 with softmax rows [.5, .5], [1, 0], [.5, .5].
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(
                z -> Losses.softmaxCrossEntropy(z, LARGE_LABELS), LARGE_LOGITS);
        assertClose(Tensor.scalar(333.7954314537066), vg.value());
        assertClose(Tensor.of(new double[][] {
                {1.0 / 6, -1.0 / 6}, {1.0 / 3, -1.0 / 3}, {-1.0 / 6, 1.0 / 6}}), vg.grad());
        assertClose(Tensor.of(0.6931471805599453, 1000, 0.6931471805599453),
                Losses.softmaxCrossEntropy(LARGE_LOGITS, LARGE_LABELS, Reduction.NONE));
    }

    @Test
    void crossEntropyDoesNotChangeWhenAConstantIsAddedToEveryLogit() {
        Tensor loss = Losses.softmaxCrossEntropy(LARGE_LOGITS, LARGE_LABELS);
        assertClose(loss, Losses.softmaxCrossEntropy(LARGE_LOGITS.add(50), LARGE_LABELS));
        assertClose(loss, Losses.softmaxCrossEntropy(LARGE_LOGITS.sub(1e4), LARGE_LABELS));
    }

    @Test
    void crossEntropyWithOneHotTargetsEqualsIntegerLabels() {
        Tensor oneHot = Tensor.oneHot(LARGE_LABELS, 2);
        for (Reduction reduction : Reduction.values()) {
            assertClose(Losses.softmaxCrossEntropy(LARGE_LOGITS, LARGE_LABELS, reduction),
                    Losses.softmaxCrossEntropy(LARGE_LOGITS, oneHot, reduction));
        }
        assertClose(Autodiff.grad(z -> Losses.softmaxCrossEntropy(z, LARGE_LABELS), LARGE_LOGITS),
                Autodiff.grad(z -> Losses.softmaxCrossEntropy(z, oneHot), LARGE_LOGITS));
    }

    @Test
    void crossEntropyWithProbabilityTargetsIsHandDerived() {
        // logits [0, ln 3]: softmax [1/4, 3/4]; targets [1/2, 1/2]:
        // L = -(ln(1/4) + ln(3/4)) / 2 = ln(16/3) / 2; grad = softmax - targets = [-1/4, 1/4].
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(
                z -> Losses.softmaxCrossEntropy(z, Tensor.of(new double[][] {{0.5, 0.5}})),
                Tensor.of(new double[][] {{0, Math.log(3)}}));
        assertClose(Tensor.scalar(0.8369882167858358), vg.value());
        assertClose(Tensor.of(new double[][] {{-0.25, 0.25}}), vg.grad());
    }

    @Test
    void crossEntropySumReductionAddsThePerSampleLosses() {
        assertClose(Tensor.scalar(1000 + 2 * 0.6931471805599453),
                Losses.softmaxCrossEntropy(LARGE_LOGITS, LARGE_LABELS, Reduction.SUM));
    }

    @Test
    void minusInfinityLogitsOfOtherClassesGiveAFiniteLossAndGradient() {
        Tensor logits = Tensor.of(new double[][] {{0, Double.NEGATIVE_INFINITY}});
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(
                z -> Losses.softmaxCrossEntropy(z, ImmutableIntArray.of(0)), logits);
        assertClose(Tensor.scalar(0), vg.value());
        assertClose(Tensor.of(new double[][] {{0, 0}}), vg.grad());
    }

    @Test
    void crossEntropyWithAnOutOfRangeLabelThrowsNamingTheLabelAndRange() {
        // C17 (iv): integer targets [0, 3] for logits [2, 3].
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.softmaxCrossEntropy(Tensor.zeros(2, 3), ImmutableIntArray.of(0, 3)));
        assertEquals("softmaxCrossEntropy: label 3 at index 1 is outside the valid range 0..2"
                + " for logits of shape [2, 3]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.softmaxCrossEntropy(Tensor.zeros(2, 3), ImmutableIntArray.of(-1, 0)));
        assertTrue(e.getMessage().startsWith("softmaxCrossEntropy: label -1 at index 0"),
                e.getMessage());
    }

    @Test
    void crossEntropyOnAnEmptyBatchIsNanForMeanAndZeroForSum() {
        // C20: logits [0, 4], no labels.
        Tensor logits = Tensor.zeros(0, 4);
        ImmutableIntArray none = ImmutableIntArray.of();
        assertTrue(Double.isNaN(Losses.softmaxCrossEntropy(logits, none).item()));
        assertEquals(0.0, Losses.softmaxCrossEntropy(logits, none, Reduction.SUM).item());
        Tensor grad = Autodiff.grad(
                z -> Losses.softmaxCrossEntropy(z, none, Reduction.SUM), logits);
        assertEquals("[0, 4]", grad.shape().toString());
        assertTrue(Double.isNaN(Losses.softmaxCrossEntropy(logits, Tensor.zeros(0, 4)).item()));
        assertEquals(0.0,
                Losses.softmaxCrossEntropy(logits, Tensor.zeros(0, 4), Reduction.SUM).item());
        assertEquals("[0]", Losses.softmaxCrossEntropy(logits, none, Reduction.NONE)
                .shape().toString());
    }

    @Test
    void crossEntropyShapeErrorsNameTheLossAndBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.softmaxCrossEntropy(Tensor.zeros(2, 3), Tensor.zeros(2, 4)));
        assertEquals("softmaxCrossEntropy: logits and targets must have equal shapes,"
                + " got [2, 3] and [2, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.softmaxCrossEntropy(Tensor.zeros(2, 3), ImmutableIntArray.of(0)));
        assertEquals("softmaxCrossEntropy: logits [batch, K] = [2, 3] need 2 labels, got 1",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.softmaxCrossEntropy(Tensor.zeros(3), ImmutableIntArray.of(0)));
        assertEquals("softmaxCrossEntropy: logits [batch, K] with K >= 1 expected, got shape [3]",
                e.getMessage());
    }

    @Test
    void crossEntropyWorksInFloat32() {
        Tensor logits = LARGE_LOGITS.cast(DType.FLOAT32);
        Tensor loss = Losses.softmaxCrossEntropy(logits, LARGE_LABELS);
        assertEquals(DType.FLOAT32, loss.dtype());
        assertEquals(333.7954314537066, loss.item(), 1e-4 * 333.8);
    }

    static void assertClose(Tensor expected, Tensor actual) {
        assertTrue(actual.allClose(expected, 1e-12, 1e-12),
                () -> "expected " + expected + " but got " + actual);
    }
}
