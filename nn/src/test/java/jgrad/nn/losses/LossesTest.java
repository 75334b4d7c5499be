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

    @Test
    void labelsOutOfRangeNameTheLabelTheRangeAndTheIgnoreIndex() {
        CrossEntropyOptions options = CrossEntropyOptions.defaults().withIgnoreIndex(-100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.softmaxCrossEntropy(Tensor.zeros(2, 3), ImmutableIntArray.of(-100, 5),
                        options));
        assertEquals("softmaxCrossEntropy: label 5 at index 1 is outside the valid range 0..2 for"
                + " logits of shape [2, 3] (ignore index -100)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.negativeLogLikelihood(
                Tensor.zeros(1, 2), ImmutableIntArray.of(2)));
        assertEquals("negativeLogLikelihood: label 2 at index 0 is outside the valid range 0..1"
                + " for logProbabilities of shape [1, 2]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.multiMargin(
                Tensor.zeros(1, 2), ImmutableIntArray.of(-1), 1, 1, Reduction.MEAN));
        assertTrue(e.getMessage().startsWith("multiMargin: label -1 at index 0 is outside the"
                + " valid range 0..1"), e.getMessage());
    }

    @Test
    void badOptionsAndTargetsAreRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.softmaxCrossEntropy(Tensor.zeros(2, 3), ImmutableIntArray.of(0, 1),
                        CrossEntropyOptions.defaults().withClassWeights(Tensor.ones(2))));
        assertEquals("softmaxCrossEntropy: class weights [K] = [3] expected, got shape [2]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropyOptions.defaults().withLabelSmoothing(1.5));
        assertEquals("crossEntropyOptions: labelSmoothing must be in [0, 1], got 1.5",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.softmaxCrossEntropy(
                Tensor.zeros(1, 2), Tensor.zeros(1, 2),
                CrossEntropyOptions.defaults().withIgnoreIndex(0)));
        assertTrue(e.getMessage().startsWith("softmaxCrossEntropy: an ignore index needs integer"
                + " labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.negativeLogLikelihood(
                Tensor.zeros(1, 2), ImmutableIntArray.of(0),
                CrossEntropyOptions.defaults().withLabelSmoothing(0.1)));
        assertTrue(e.getMessage().startsWith("negativeLogLikelihood: label smoothing"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.binaryCrossEntropy(
                Tensor.of(0.5, 1.25), Tensor.of(1, 0), Reduction.MEAN));
        assertEquals("binaryCrossEntropy: probability 1.25 at flat index 1 is outside [0, 1]; for"
                + " raw scores use binaryCrossEntropyWithLogits", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.hingeEmbedding(
                Tensor.of(0.5, 1.25), Tensor.of(1, 0), 1, Reduction.MEAN));
        assertEquals("hingeEmbedding: targets must be 1 or -1, got 0.0 at flat index 1",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.huber(Tensor.of(1), Tensor.of(0), 0, Reduction.MEAN));
        assertEquals("huber: delta must be positive and finite, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.smoothL1(Tensor.of(1), Tensor.of(0), -1, Reduction.MEAN));
        assertEquals("smoothL1: beta must be >= 0 and finite, got -1.0", e.getMessage());
    }

    @Test
    void binaryCrossEntropyFloorsTheLogarithmAtMinusOneHundred() {
        // p = 0 with y = 1: -max(ln 0, -100) = 100; p = 1 with y = 1: 0; NaN propagates.
        assertClose(Tensor.of(100, 0, 100),
                Losses.binaryCrossEntropy(Tensor.of(0, 1, 1), Tensor.of(1, 1, 0), Reduction.NONE));
        assertTrue(Double.isNaN(Losses.binaryCrossEntropy(Tensor.of(Double.NaN),
                Tensor.of(1), Reduction.MEAN).item()));
        // the logits form is exact where the sigmoid rounds to 1: softplus(-40) = 4.25e-18
        assertClose(Tensor.of(4.248354255291589e-18), Losses.binaryCrossEntropyWithLogits(
                Tensor.of(40), Tensor.of(1), Reduction.NONE));
    }

    @Test
    void everyLossWorksInFloat32() {
        Tensor x = Tensor.of(new double[][] {{0.2, -1.5, 0.7}, {1.1, 0.3, -0.4}});
        Tensor t = Tensor.of(new double[][] {{0.9, 0.05, 0.05}, {0.1, 0.8, 0.1}});
        ImmutableIntArray labels = ImmutableIntArray.of(2, 0);
        Tensor signs = Tensor.of(new double[][] {{1, -1, 1}, {-1, -1, 1}});
        java.util.List<java.util.function.BiFunction<Tensor, Tensor, Tensor>> losses =
                java.util.List.of(
                        (a, b) -> Losses.huber(a, b, 0.5, Reduction.MEAN),
                        (a, b) -> Losses.smoothL1(a, b, 0.5, Reduction.MEAN),
                        (a, b) -> Losses.binaryCrossEntropy(b, b.mul(0.5), Reduction.MEAN),
                        (a, b) -> Losses.binaryCrossEntropyWithLogits(a, b, Reduction.MEAN),
                        (a, b) -> Losses.softmaxCrossEntropy(a, labels, CrossEntropyOptions
                                .defaults().withLabelSmoothing(0.1)),
                        (a, b) -> Losses.klDivergence(a.logSoftmax(1), b, Reduction.SUM, false),
                        (a, b) -> Losses.multiMargin(a, labels, 2, 1, Reduction.MEAN),
                        (a, b) -> Losses.hingeEmbedding(a, b.mul(0).add(1), 1, Reduction.SUM),
                        (a, b) -> Losses.cosineEmbedding(a, b, Tensor.of(1, -1).cast(a.dtype()),
                                0.1, Reduction.MEAN));
        for (var loss : losses) {
            Tensor wide = loss.apply(x, t);
            Tensor narrow = loss.apply(x.cast(DType.FLOAT32), t.cast(DType.FLOAT32));
            assertEquals(DType.FLOAT32, narrow.dtype());
            assertEquals(wide.item(), narrow.item(), 1e-5 * Math.max(1, Math.abs(wide.item())));
        }
        assertEquals(DType.FLOAT32, Losses.hingeEmbedding(x.cast(DType.FLOAT32),
                signs.cast(DType.FLOAT32), 1, Reduction.NONE).dtype());
    }

    static void assertClose(Tensor expected, Tensor actual) {
        assertTrue(actual.allClose(expected, 1e-12, 1e-12),
                () -> "expected " + expected + " but got " + actual);
    }

    // ---------------------------------------------------------------- anomaly detection

    @Test
    void binaryCrossEntropyAtProbabilitiesZeroAndOneRaisesNoFalseAnomaly() {
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            Tensor p = Tensor.of(0, 1, 0, 1, 0.3).cast(dtype);
            Tensor y = Tensor.of(0, 1, 1, 0, 1).cast(dtype);
            ValueAndGrad<Tensor> vg = Autodiff.detectAnomaly(() -> Autodiff.valueAndGrad(
                    q -> Losses.binaryCrossEntropy(q, y, Reduction.SUM), p));
            // PyTorch's values: 0, 0, 100, 100, -ln 0.3 (bceEndpoints in the fixture)
            assertEquals(200 - Math.log(0.3), vg.value().item(), dtype == DType.FLOAT32 ? 1e-4
                    : 1e-12);
            // the derivative of the floored formula: 1/(1 - p) at (0, 0), -1/p at (1, 1), 0
            // where a floor applies, -1/p at (0.3, 1)
            assertTrue(vg.grad().allClose(Tensor.of(1, -1, 0, 0, -1 / 0.3).cast(dtype), 1e-6,
                    0), vg.grad().toString());
        }
    }

    @Test
    void klDivergenceWithZerosInTheTargetRaisesNoFalseAnomaly() {
        Tensor logQ = Tensor.of(new double[][] {{-1, -2, -0.5, Double.NEGATIVE_INFINITY}});
        Tensor p = Tensor.of(new double[][] {{0, 0.5, 0.5, 0}});
        // 0 · ln 0 = 0 and 0 · (0 - (-Inf)) = 0 (a masked class), no NaN: with respect to both
        // inputs, the gradient of a target 0 is 0
        ValueAndGrad<Tensor> vg = Autodiff.detectAnomaly(() -> Autodiff.valueAndGrad(
                q -> Losses.klDivergence(q, p, Reduction.SUM, false), logQ));
        double expected = 0.5 * (Math.log(0.5) + 2) + 0.5 * (Math.log(0.5) + 0.5);
        assertEquals(expected, vg.value().item(), 1e-15);
        assertTrue(vg.grad().allClose(Tensor.of(new double[][] {{0, -0.5, -0.5, 0}}), 0, 0));
        Tensor targetGrad = Autodiff.detectAnomaly(() -> Autodiff.grad(
                t -> Losses.klDivergence(logQ, t, Reduction.SUM, false), p));
        assertTrue(targetGrad.allClose(Tensor.of(new double[][] {
            {0, Math.log(0.5) + 1 + 2, Math.log(0.5) + 1 + 0.5, 0}}), 1e-15, 0),
                targetGrad.toString());
        // the same with log targets, ln p = -Inf where p = 0
        Tensor logP = Tensor.of(new double[][] {{Double.NEGATIVE_INFINITY, Math.log(0.5),
            Math.log(0.5), Double.NEGATIVE_INFINITY}});
        ValueAndGrad<Tensor> logged = Autodiff.detectAnomaly(() -> Autodiff.valueAndGrad(
                q -> Losses.klDivergence(q, logP, Reduction.SUM, true), logQ));
        assertEquals(expected, logged.value().item(), 1e-15);
        assertTrue(logged.grad().allClose(vg.grad(), 0, 0));
    }
}
