package jgrad.nn.losses;

import com.google.common.primitives.ImmutableIntArray;
import java.util.SplittableRandom;
import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.core.Tensor;
import jgrad.nn.TestTensors;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.IntRange;

/**
 * Every loss's vjp with respect to its predictions or logits against float64 central differences
 * (GradCheck), and with respect to a second input where it is differentiable (soft targets, the
 * second vector of a cosine pair). Values in [-3, 3]; inputs stay at least 1e-3 from every kink
 * (abs at 0, the thresholds of Huber and smooth L1, the hinges of the margin losses) and
 * probabilities in [0.05, 0.95].
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class LossGradientTest {

    @Property
    void meanSquaredErrorVjpMatchesCentralDifference(
            @ForAll @IntRange(min = 1, max = 4) int rows,
            @ForAll @IntRange(min = 1, max = 4) int columns,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor targets = TestTensors.uniform(rng, -3, 3, rows, columns);
        GradCheck.assertVjpMatches(p -> Losses.meanSquaredError(p, targets),
                TestTensors.uniform(rng, -3, 3, rows, columns), Tolerance.FLOAT64);
    }

    @Property
    void halfSquaredErrorVjpMatchesCentralDifference(
            @ForAll @IntRange(min = 1, max = 4) int rows,
            @ForAll @IntRange(min = 1, max = 4) int columns,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor targets = TestTensors.uniform(rng, -3, 3, rows, columns);
        GradCheck.assertVjpMatches(p -> Losses.halfSquaredError(p, targets),
                TestTensors.uniform(rng, -3, 3, rows, columns), Tolerance.FLOAT64);
    }

    @Property
    void l1VjpMatchesCentralDifferenceOffTheKink(
            @ForAll Reduction reduction,
            @ForAll @IntRange(min = 1, max = 4) int rows,
            @ForAll @IntRange(min = 1, max = 4) int columns,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor targets = TestTensors.uniform(rng, -3, 3, rows, columns);
        Tensor predictions = targets.add(TestTensors.awayFromZero(rng, 1e-3, 3, rows, columns));
        GradCheck.assertVjpMatches(p -> Losses.l1(p, targets, reduction), predictions,
                Tolerance.FLOAT64);
    }

    @Property
    void crossEntropyWithLabelsVjpMatchesCentralDifference(
            @ForAll Reduction reduction,
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int classes,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(classes);
        }
        ImmutableIntArray labelArray = ImmutableIntArray.copyOf(labels);
        GradCheck.assertVjpMatches(z -> Losses.softmaxCrossEntropy(z, labelArray, reduction),
                TestTensors.uniform(rng, -3, 3, batch, classes), Tolerance.FLOAT64);
    }

    @Property
    void crossEntropyWithProbabilityTargetsVjpMatchesCentralDifference(
            @ForAll Reduction reduction,
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int classes,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor targets = TestTensors.uniform(rng, -3, 3, batch, classes).softmax(1);
        GradCheck.assertVjpMatches(z -> Losses.softmaxCrossEntropy(z, targets, reduction),
                TestTensors.uniform(rng, -3, 3, batch, classes), Tolerance.FLOAT64);
    }

    @Property
    void meanSquaredErrorWithEveryReductionVjpMatchesCentralDifference(
            @ForAll Reduction reduction,
            @ForAll @IntRange(min = 1, max = 4) int rows,
            @ForAll @IntRange(min = 1, max = 4) int columns,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor predictions = TestTensors.uniform(rng, -3, 3, rows, columns);
        Tensor targets = TestTensors.uniform(rng, -3, 3, rows, columns);
        GradCheck.assertVjpMatches(p -> Losses.meanSquaredError(p, targets, reduction),
                predictions, Tolerance.FLOAT64);
        GradCheck.assertVjpMatches(t -> Losses.meanSquaredError(predictions, t, reduction),
                targets, Tolerance.FLOAT64);
    }

    @Property
    void huberVjpMatchesCentralDifferenceOffTheThreshold(
            @ForAll Reduction reduction,
            @ForAll @IntRange(min = 1, max = 4) int rows,
            @ForAll @IntRange(min = 1, max = 4) int columns,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double delta = 0.1 + 2 * rng.nextDouble();
        Tensor targets = TestTensors.uniform(rng, -3, 3, rows, columns);
        Tensor predictions = targets.add(TestTensors.uniform(rng, -3, 3, rows, columns));
        Assume.that(TestTensors.minAbs(predictions.sub(targets).abs().sub(delta)) > 1e-3);
        GradCheck.assertVjpMatches(p -> Losses.huber(p, targets, delta, reduction), predictions,
                Tolerance.FLOAT64);
    }

    @Property
    void smoothL1VjpMatchesCentralDifferenceOffTheThresholdAndTheKink(
            @ForAll Reduction reduction,
            @ForAll @IntRange(min = 1, max = 4) int rows,
            @ForAll @IntRange(min = 1, max = 4) int columns,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double beta = rng.nextBoolean() ? 0 : 0.1 + 2 * rng.nextDouble();
        Tensor targets = TestTensors.uniform(rng, -3, 3, rows, columns);
        Tensor difference = TestTensors.awayFromZero(rng, 1e-3, 3, rows, columns);
        Assume.that(TestTensors.minAbs(difference.abs().sub(beta)) > 1e-3);
        GradCheck.assertVjpMatches(p -> Losses.smoothL1(p, targets, beta, reduction),
                targets.add(difference), Tolerance.FLOAT64);
    }

    @Property
    void binaryCrossEntropyVjpMatchesCentralDifference(
            @ForAll Reduction reduction,
            @ForAll @IntRange(min = 1, max = 4) int rows,
            @ForAll @IntRange(min = 1, max = 4) int columns,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor targets = TestTensors.uniform(rng, 0, 1, rows, columns);
        GradCheck.assertVjpMatches(p -> Losses.binaryCrossEntropy(p, targets, reduction),
                TestTensors.uniform(rng, 0.05, 0.95, rows, columns), Tolerance.FLOAT64);
    }

    @Property
    void binaryCrossEntropyWithLogitsVjpMatchesCentralDifference(
            @ForAll Reduction reduction,
            @ForAll @IntRange(min = 1, max = 4) int rows,
            @ForAll @IntRange(min = 1, max = 4) int columns,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor targets = TestTensors.uniform(rng, 0, 1, rows, columns);
        Tensor logits = TestTensors.uniform(rng, -3, 3, rows, columns);
        Tensor positiveWeight = TestTensors.uniform(rng, 0.2, 4, columns);
        GradCheck.assertVjpMatches(
                z -> Losses.binaryCrossEntropyWithLogits(z, targets, reduction), logits,
                Tolerance.FLOAT64);
        GradCheck.assertVjpMatches(z -> Losses.binaryCrossEntropyWithLogits(z, targets,
                positiveWeight, reduction), logits, Tolerance.FLOAT64);
    }

    @Property
    void crossEntropyWithWeightsIgnoreIndexAndSmoothingVjpMatchesCentralDifference(
            @ForAll Reduction reduction,
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int classes,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(4) == 0 ? -100 : rng.nextInt(classes);
        }
        Assume.that(labels[0] != -100); // keep the weighted mean's denominator positive
        CrossEntropyOptions options = CrossEntropyOptions.defaults().withReduction(reduction)
                .withIgnoreIndex(-100)
                .withClassWeights(TestTensors.uniform(rng, 0.1, 3, classes))
                .withLabelSmoothing(rng.nextBoolean() ? 0 : rng.nextDouble());
        ImmutableIntArray labelArray = ImmutableIntArray.copyOf(labels);
        Tensor logits = TestTensors.uniform(rng, -3, 3, batch, classes);
        GradCheck.assertVjpMatches(z -> Losses.softmaxCrossEntropy(z, labelArray, options),
                logits, Tolerance.FLOAT64);
        CrossEntropyOptions plain = options.withLabelSmoothing(0);
        GradCheck.assertVjpMatches(l -> Losses.negativeLogLikelihood(l, labelArray, plain),
                logits.logSoftmax(1), Tolerance.FLOAT64);
    }

    @Property
    void crossEntropyWithTargetDistributionsAndOptionsVjpMatchesInLogitsAndTargets(
            @ForAll Reduction reduction,
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int classes,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        CrossEntropyOptions options = CrossEntropyOptions.defaults().withReduction(reduction)
                .withClassWeights(TestTensors.uniform(rng, 0.1, 3, classes))
                .withLabelSmoothing(rng.nextDouble());
        Tensor targets = TestTensors.uniform(rng, -3, 3, batch, classes).softmax(1);
        Tensor logits = TestTensors.uniform(rng, -3, 3, batch, classes);
        GradCheck.assertVjpMatches(z -> Losses.softmaxCrossEntropy(z, targets, options), logits,
                Tolerance.FLOAT64);
        GradCheck.assertVjpMatches(q -> Losses.softmaxCrossEntropy(logits, q, options), targets,
                Tolerance.FLOAT64);
    }

    @Property
    void klDivergenceVjpMatchesCentralDifferenceWithZerosInTheTarget(
            @ForAll Reduction reduction,
            @ForAll boolean logTarget,
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int classes,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] p = TestTensors.uniform(rng, 0.1, 1, batch, classes).toArray();
        for (int i = 0; i < p.length; i++) {
            if (rng.nextInt(3) == 0) {
                p[i] = 0;
            }
        }
        Tensor probabilities = Tensor.of(p, batch, classes);
        Tensor targets = logTarget ? probabilities.log() : probabilities;
        GradCheck.assertVjpMatches(l -> Losses.klDivergence(l, targets, reduction, logTarget),
                TestTensors.uniform(rng, -3, 3, batch, classes).logSoftmax(1), Tolerance.FLOAT64);
    }

    @Property
    void multiMarginVjpMatchesCentralDifferenceOffTheHinge(
            @ForAll Reduction reduction,
            @ForAll @IntRange(min = 1, max = 2) int p,
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int classes,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double margin = 2 * rng.nextDouble();
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(classes);
        }
        ImmutableIntArray labelArray = ImmutableIntArray.copyOf(labels);
        Tensor logits = TestTensors.uniform(rng, -3, 3, batch, classes);
        Tensor labelLogit = Tensor.where(Tensor.oneHot(labelArray, classes), logits,
                logits.zerosLike()).sum(1, true);
        Assume.that(TestTensors.minAbs(logits.sub(labelLogit).add(margin)) > 1e-3);
        GradCheck.assertVjpMatches(z -> Losses.multiMargin(z, labelArray, p, margin, reduction),
                logits, Tolerance.FLOAT64);
    }

    @Property
    void hingeEmbeddingVjpMatchesCentralDifferenceOffTheHinge(
            @ForAll Reduction reduction,
            @ForAll @IntRange(min = 1, max = 4) int rows,
            @ForAll @IntRange(min = 1, max = 4) int columns,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double margin = 2 * rng.nextDouble();
        Tensor inputs = TestTensors.uniform(rng, -3, 3, rows, columns);
        Tensor targets = TestTensors.awayFromZero(rng, 1, 1, rows, columns);
        Assume.that(TestTensors.minAbs(inputs.sub(margin)) > 1e-3);
        GradCheck.assertVjpMatches(x -> Losses.hingeEmbedding(x, targets, margin, reduction),
                inputs, Tolerance.FLOAT64);
    }

    @Property
    void cosineEmbeddingVjpMatchesCentralDifferenceInBothVectors(
            @ForAll Reduction reduction,
            @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int dimension,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double margin = rng.nextDouble() - 0.5;
        Tensor x1 = TestTensors.uniform(rng, -3, 3, batch, dimension);
        Tensor x2 = TestTensors.uniform(rng, -3, 3, batch, dimension);
        Tensor targets = TestTensors.awayFromZero(rng, 1, 1, batch);
        Tensor cos = x1.mul(x2).sum(1, false).div(x1.square().sum(1, false)
                .mul(x2.square().sum(1, false)).sqrt());
        Assume.that(TestTensors.minAbs(cos.sub(margin)) > 1e-3);
        GradCheck.assertVjpMatches(a -> Losses.cosineEmbedding(a, x2, targets, margin,
                reduction), x1, Tolerance.FLOAT64);
        GradCheck.assertVjpMatches(b -> Losses.cosineEmbedding(x1, b, targets, margin,
                reduction), x2, Tolerance.FLOAT64);
    }
}
