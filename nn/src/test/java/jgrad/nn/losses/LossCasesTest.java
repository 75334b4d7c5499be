package jgrad.nn.losses;

import static jgrad.nn.losses.LossesTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import java.io.IOException;
import jgrad.core.Autodiff;
import jgrad.core.Tensor;
import jgrad.core.ValueAndGrad;
import org.junit.jupiter.api.Test;

/**
 * The loss cases N09-N12 of {@code /work/shared/cases/CASES.md} with their recorded values (case
 * tolerance {@code 1e-12 + 1e-12 |want|}), each followed by a sibling with other values of the
 * same kind: PyTorch 1.13 values from {@code losses-torch-1.13.json} ({@code
 * torch_reference.py}), or hand-derived where PyTorch itself is wrong (N12 (ii)).
 */
class LossCasesTest {

    // ---------------------------------------------------------------- N09

    private static final Tensor N09_LOGITS = Tensor.of(new double[][] {{2, 0, -1},
            {0.5, 0.5, 3}});
    private static final ImmutableIntArray N09_LABELS = ImmutableIntArray.of(0, 2);

    @Test
    void n09LabelSmoothingMixesTheOneHotTargetWithTheUniformDistribution() {
        CrossEntropyOptions smoothed = CrossEntropyOptions.defaults().withLabelSmoothing(0.1);
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(
                z -> Losses.softmaxCrossEntropy(z, N09_LABELS, smoothed), N09_LOGITS);
        assertClose(Tensor.scalar(0.327593868640377), vg.value());
        assertClose(Tensor.of(new double[][] {
                {-0.04476929942599689, 0.04043093302563057, 0.004338366400366358},
                {0.018588063663935856, 0.018588063663935856, -0.03717612732787179}}), vg.grad());
        assertClose(Tensor.of(0.3365126862229521, 0.3186750510578018),
                Losses.softmaxCrossEntropy(N09_LOGITS, N09_LABELS,
                        smoothed.withReduction(Reduction.NONE)));
        assertClose(Tensor.scalar(0.1609272019737103),
                Losses.softmaxCrossEntropy(N09_LOGITS, N09_LABELS));
    }

    @Test
    void n09SiblingLabelSmoothingMatchesPyTorchAndTheSmoothedDistributionTargets()
            throws IOException {
        LossesTorchReferenceTest.check(LossesTorchReferenceTest.referenceCase("n09Sibling"));
        // The same smoothing written as target distributions q = (1 - ε) oneHot + ε / K.
        Tensor logits = Tensor.of(new double[][] {{1, -1, 0.5, 2}, {0, 3, -2, 1},
                {-1, -1, -1, -1}});
        ImmutableIntArray labels = ImmutableIntArray.of(3, 1, 0);
        Tensor q = Tensor.oneHot(labels, 4).mul(0.75).add(0.25 / 4);
        assertClose(Losses.softmaxCrossEntropy(logits, q),
                Losses.softmaxCrossEntropy(logits, labels,
                        CrossEntropyOptions.defaults().withLabelSmoothing(0.25)));
        assertClose(Losses.softmaxCrossEntropy(logits, Tensor.oneHot(labels, 4),
                        CrossEntropyOptions.defaults().withLabelSmoothing(0.25)),
                Losses.softmaxCrossEntropy(logits, q));
    }

    // ---------------------------------------------------------------- N10

    private static final Tensor N10_LOGITS = Tensor.of(new double[][] {{1, 2, 3}, {0, 0, 1},
            {2, -1, 0}});
    private static final ImmutableIntArray N10_LABELS = ImmutableIntArray.of(0, -100, 2);
    private static final CrossEntropyOptions IGNORE = CrossEntropyOptions.defaults()
            .withIgnoreIndex(-100);

    @Test
    void n10ClassWeightsGiveAWeightedMean() {
        // (i)
        Tensor logits = Tensor.of(new double[][] {{0.2, 0.3, 0.5}, {0.5, 0.2, 0.3}});
        ImmutableIntArray labels = ImmutableIntArray.of(2, 1);
        CrossEntropyOptions weighted = CrossEntropyOptions.defaults()
                .withClassWeights(Tensor.of(2, 4, 6));
        assertClose(Tensor.of(5.638986365066761, 4.959324243377839),
                Losses.softmaxCrossEntropy(logits, labels,
                        weighted.withReduction(Reduction.NONE)));
        assertClose(Tensor.scalar(10.5983106084446), Losses.softmaxCrossEntropy(logits, labels,
                weighted.withReduction(Reduction.SUM)));
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(
                z -> Losses.softmaxCrossEntropy(z, labels, weighted), logits);
        assertClose(Tensor.scalar(1.0598310608444599), vg.value());
        assertClose(Tensor.of(new double[][] {
                {0.17365986623655877, 0.1919238338015518, -0.3655837000381106},
                {0.15627753330792632, -0.2842267558422941, 0.12794922253436788}}), vg.grad());
    }

    @Test
    void n10IgnoredLabelsAreLeftOutOfTheLossTheGradientAndTheMeansDenominator() {
        // (ii)
        assertClose(Tensor.of(2.4076059644443806, 0, 2.1698460195562856),
                Losses.softmaxCrossEntropy(N10_LOGITS, N10_LABELS,
                        IGNORE.withReduction(Reduction.NONE)));
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(
                z -> Losses.softmaxCrossEntropy(z, N10_LABELS, IGNORE), N10_LOGITS);
        assertClose(Tensor.scalar(2.288725992000333), vg.value());
        assertClose(Tensor.of(new double[][] {
                {-0.4549847134148098, 0.12236423552739883, 0.33262047788741095}, {0, 0, 0},
                {0.4218973672406698, 0.021005033067033024, -0.4429024003077028}}), vg.grad());
        // (iii)
        assertClose(Tensor.scalar(2.2292860057783095), Losses.softmaxCrossEntropy(N10_LOGITS,
                N10_LABELS, IGNORE.withClassWeights(Tensor.of(2, 4, 6))));
    }

    @Test
    void n10EverythingIgnoredGivesANanMeanAZeroSumAndZeroGradients() {
        // (iv)
        Tensor logits = Tensor.of(new double[][] {{1, 2, 3}, {0, 0, 1}});
        ImmutableIntArray labels = ImmutableIntArray.of(-100, -100);
        assertAllIgnoredBehaves(logits, labels, IGNORE);
    }

    @Test
    void n10SiblingWeightsAndAnIgnoredValidClassMatchPyTorch() throws IOException {
        LossesTorchReferenceTest.check(
                LossesTorchReferenceTest.referenceCase("n10SiblingWeights"));
        LossesTorchReferenceTest.check(
                LossesTorchReferenceTest.referenceCase("n10SiblingIgnoreAValidClass"));
        // everything ignored, now with weights, label smoothing and an ignore index of 1
        Tensor logits = Tensor.of(new double[][] {{1, 0, -1}, {0.3, 0.3, 0.4}, {2, 2, -2}});
        assertAllIgnoredBehaves(logits, ImmutableIntArray.of(1, 1, 1), CrossEntropyOptions
                .defaults().withIgnoreIndex(1).withClassWeights(Tensor.of(1, 0.5, 3))
                .withLabelSmoothing(0.2));
        // and through negativeLogLikelihood
        assertTrue(Double.isNaN(Losses.negativeLogLikelihood(logits.logSoftmax(1),
                ImmutableIntArray.of(1, 1, 1), CrossEntropyOptions.defaults().withIgnoreIndex(1))
                .item()));
    }

    private static void assertAllIgnoredBehaves(Tensor logits, ImmutableIntArray labels,
            CrossEntropyOptions options) {
        ValueAndGrad<Tensor> mean = Autodiff.valueAndGrad(
                z -> Losses.softmaxCrossEntropy(z, labels, options), logits);
        assertTrue(Double.isNaN(mean.value().item()), mean.value()::toString);
        assertEquals(logits.shape(), mean.grad().shape());
        assertClose(logits.zerosLike(), mean.grad());
        CrossEntropyOptions sum = options.withReduction(Reduction.SUM);
        ValueAndGrad<Tensor> summed = Autodiff.valueAndGrad(
                z -> Losses.softmaxCrossEntropy(z, labels, sum), logits);
        assertEquals(0.0, summed.value().item());
        assertClose(logits.zerosLike(), summed.grad());
        assertClose(Tensor.zeros(logits.shape().dim(0)), Losses.softmaxCrossEntropy(logits,
                labels, options.withReduction(Reduction.NONE)));
    }

    // ---------------------------------------------------------------- N11

    private static final Tensor N11_X = Tensor.of(-3, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 3);
    private static final Tensor N11_T = Tensor.zeros(9);

    @Test
    void n11SmoothL1AndHuberCompareTheAbsoluteDifferenceWithTheThreshold() {
        // β = δ = 1: both equal
        Tensor expectedNone = Tensor.of(2.5, 1, 0.5, 0.125, 0, 0.125, 0.5, 1, 2.5);
        Tensor expectedGrad = Tensor.of(-1, -1, -1, -0.5, 0, 0.5, 1, 1, 1).div(9);
        assertClose(expectedNone, Losses.smoothL1(N11_X, N11_T, 1, Reduction.NONE));
        assertClose(expectedNone, Losses.huber(N11_X, N11_T, 1, Reduction.NONE));
        assertMeanAndGradient(x -> Losses.smoothL1(x, N11_T, 1, Reduction.MEAN),
                0.9166666666666666, expectedGrad);
        assertMeanAndGradient(x -> Losses.huber(x, N11_T, 1, Reduction.MEAN),
                0.9166666666666666, expectedGrad);
        // SmoothL1 β = 2
        assertClose(Tensor.of(2, 0.5625, 0.25, 0.0625, 0, 0.0625, 0.25, 0.5625, 2),
                Losses.smoothL1(N11_X, N11_T, 2, Reduction.NONE));
        assertMeanAndGradient(x -> Losses.smoothL1(x, N11_T, 2, Reduction.MEAN),
                0.6388888888888888, Tensor.of(-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2).div(18));
        // Huber δ = 2
        assertClose(Tensor.of(4, 1.125, 0.5, 0.125, 0, 0.125, 0.5, 1.125, 4),
                Losses.huber(N11_X, N11_T, 2, Reduction.NONE));
        assertMeanAndGradient(x -> Losses.huber(x, N11_T, 2, Reduction.MEAN),
                1.2777777777777777, Tensor.of(-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2).div(9));
        // the signed-threshold bug gives 4.5 at d = -3 (β = 1)
        assertEquals(2.5, Losses.smoothL1(N11_X, N11_T, 1, Reduction.NONE).get(0));
    }

    @Test
    void n11SiblingNonzeroTargetsMatchPyTorchAndBothPiecesMeetAtTheThreshold()
            throws IOException {
        for (String name : new String[] {"n11SiblingSmoothL1_0.5", "n11SiblingHuber_0.5",
                "n11SiblingSmoothL1_1.5", "n11SiblingHuber_1.5"}) {
            LossesTorchReferenceTest.check(LossesTorchReferenceTest.referenceCase(name));
        }
        // at |d| = threshold, from both sides: d = ±(β ∓ 1e-9) versus d = ±β
        for (double beta : new double[] {0.5, 1.5}) {
            for (double sign : new double[] {-1, 1}) {
                Tensor t = Tensor.of(0.25);
                Tensor at = t.add(sign * beta);
                Tensor inside = t.add(sign * (beta - 1e-9));
                double smoothAt = Losses.smoothL1(at, t, beta, Reduction.SUM).item();
                double smoothInside = Losses.smoothL1(inside, t, beta, Reduction.SUM).item();
                assertEquals(0.5 * beta, smoothAt, 1e-15);
                assertEquals(smoothAt, smoothInside, 2e-9);
                assertClose(Tensor.of(sign), Autodiff.grad(
                        x -> Losses.smoothL1(x, t, beta, Reduction.SUM), at));
                double huberAt = Losses.huber(at, t, beta, Reduction.SUM).item();
                assertEquals(0.5 * beta * beta, huberAt, 1e-15);
                assertClose(Tensor.of(sign * beta), Autodiff.grad(
                        x -> Losses.huber(x, t, beta, Reduction.SUM), at));
            }
        }
    }

    private static void assertMeanAndGradient(java.util.function.Function<Tensor, Tensor> loss,
            double mean, Tensor grad) {
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(loss, N11_X);
        assertClose(Tensor.scalar(mean), vg.value());
        assertClose(grad, vg.grad());
    }

    // ---------------------------------------------------------------- N12

    @Test
    void n12ZerosInTheTargetContributeNothingToTheValueOrTheGradient() {
        // (i)
        Tensor logits = Tensor.of(0.5, 1, 2, -1);
        Tensor p = Tensor.of(0, 0.4, 0.6, 0);
        Tensor logQ = logits.logSoftmax(0);
        assertClose(Tensor.of(-1.995181898085856, -1.495181898085856, -0.495181898085856,
                -3.495181898085856), logQ);
        assertClose(Tensor.of(0, 0.23155646648468042, -0.009386235408080834, 0),
                Losses.klDivergence(logQ, p, Reduction.NONE, false));
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(
                l -> Losses.klDivergence(l, p, Reduction.SUM, false), logQ);
        assertClose(Tensor.scalar(0.22217023107659958), vg.value());
        assertClose(p.neg(), vg.grad());
        assertClose(Tensor.of(0.13598891579350553, -0.17579218195179885, 0.009460037598877147,
                        0.03034322855941623),
                Autodiff.grad(z -> Losses.klDivergence(z.logSoftmax(0), p, Reduction.SUM, false),
                        logits));
    }

    @Test
    void n12AZeroTargetMeetingAMinusInfinityLogProbabilityGivesExactlyZero() {
        // (ii): PyTorch 1.13 returns NaN here (0 · (0 - (-Inf)))
        Tensor logQ = Tensor.of(Double.NEGATIVE_INFINITY, Math.log(0.5), Math.log(0.5));
        Tensor p = Tensor.of(0, 0.5, 0.5);
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(
                l -> Losses.klDivergence(l, p, Reduction.SUM, false), logQ);
        assertEquals(0.0, vg.value().item());
        assertClose(Tensor.of(0, -0.5, -0.5), vg.grad());
        // (iii): p > 0 where q = 0 is +Inf, not NaN
        Tensor logQ3 = Tensor.of(Math.log(0.5), Math.log(0.5), Double.NEGATIVE_INFINITY);
        assertEquals(Double.POSITIVE_INFINITY,
                Losses.klDivergence(logQ3, Tensor.of(0.3, 0.3, 0.4), Reduction.SUM, false)
                        .item());
    }

    @Test
    void n12SiblingMaskedClassesGiveZeroInBothTargetForms() throws IOException {
        LossesTorchReferenceTest.check(LossesTorchReferenceTest.referenceCase("n12Sibling"));
        // (ii)-kind, two masked classes: KL = 0.25 ln(0.25/0.2) + 0.75 ln(0.75/0.8), by hand
        Tensor logQ = Tensor.of(Math.log(0.2), Double.NEGATIVE_INFINITY, Math.log(0.8),
                Double.NEGATIVE_INFINITY);
        Tensor p = Tensor.of(0.25, 0, 0.75, 0);
        double expected = 0.25 * Math.log(0.25 / 0.2) + 0.75 * Math.log(0.75 / 0.8);
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(
                l -> Losses.klDivergence(l, p, Reduction.SUM, false), logQ);
        assertClose(Tensor.scalar(expected), vg.value());
        assertClose(p.neg(), vg.grad());
        // the same through log targets: ln p = -Inf where p = 0
        Tensor logP = Tensor.of(Math.log(0.25), Double.NEGATIVE_INFINITY, Math.log(0.75),
                Double.NEGATIVE_INFINITY);
        ValueAndGrad<Tensor> logTarget = Autodiff.valueAndGrad(
                l -> Losses.klDivergence(l, logP, Reduction.SUM, true), logQ);
        assertClose(Tensor.scalar(expected), logTarget.value());
        assertClose(p.neg(), logTarget.grad());
        assertClose(Tensor.of(0.25 * Math.log(0.25 / 0.2), 0, 0.75 * Math.log(0.75 / 0.8), 0),
                Losses.klDivergence(logQ, logP, Reduction.NONE, true));
        // (iii)-kind: a masked class that the target needs
        assertEquals(Double.POSITIVE_INFINITY, Losses.klDivergence(
                Tensor.of(0, Double.NEGATIVE_INFINITY), Tensor.of(0.5, 0.5), Reduction.MEAN,
                false).item());
    }
}
