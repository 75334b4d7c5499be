package jgrad.nn.losses;

import com.google.common.primitives.ImmutableIntArray;
import java.util.SplittableRandom;
import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.core.Tensor;
import jgrad.nn.TestTensors;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.IntRange;

/**
 * Every loss's vjp with respect to its predictions or logits against float64 central differences
 * (GradCheck). Values in [-3, 3]; for l1, each prediction is at least 1e-3 from its target (the
 * kink of abs).
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
}
