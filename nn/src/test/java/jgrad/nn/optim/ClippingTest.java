package jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import java.util.SplittableRandom;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * Clipping keeps its bound and the direction of what it clips. Random gradients: one to three
 * tensors of rank 0 to 3 (dimensions 1 to 4), values uniform in {@code [-scale, scale]}.
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class ClippingTest {

    @Property
    void clippingByGlobalNormNeverExceedsTheBoundAndKeepsTheDirection(@ForAll long seed,
            @ForAll @DoubleRange(min = 0.01, max = 100) double scale,
            @ForAll @DoubleRange(min = 0.01, max = 10) double maxNorm) {
        Params grads = randomGrads(new SplittableRandom(seed), scale);
        Params clipped = apply(Optimizers.clipByGlobalNorm(maxNorm), grads);
        double before = Optimizers.globalNorm(grads);
        double after = Optimizers.globalNorm(clipped);
        assertTrue(after <= maxNorm * (1 + 1e-12), after + " > " + maxNorm);
        // One common factor min(1, maxNorm / norm) for every element of every tensor.
        double factor = Math.min(1, maxNorm / before);
        assertTrue(clipped.allClose(grads.scale(factor), 1e-14, 0), "direction changed");
        if (before <= maxNorm) {
            assertSame(grads, clipped);
        } else {
            assertEquals(maxNorm, after, 1e-12 * maxNorm);
        }
    }

    @Property
    void clippingByNormBoundsEachTensorSeparately(@ForAll long seed,
            @ForAll @DoubleRange(min = 0.01, max = 100) double scale,
            @ForAll @DoubleRange(min = 0.01, max = 10) double maxNorm) {
        Params grads = randomGrads(new SplittableRandom(seed), scale);
        Params clipped = apply(Optimizers.clipByNorm(maxNorm), grads);
        for (String path : grads.paths()) {
            Tensor g = grads.get(path);
            double before = Optimizers.globalNorm(Params.of(path, g));
            double after = Optimizers.globalNorm(Params.of(path, clipped.get(path)));
            assertTrue(after <= maxNorm * (1 + 1e-12), path + ": " + after + " > " + maxNorm);
            double factor = Math.min(1, maxNorm / before);
            assertTrue(clipped.get(path).allClose(g.mul(factor), 1e-14, 0), path);
        }
    }

    @Property
    void clippingByValueBoundsEveryElementAndKeepsTheSmallOnes(@ForAll long seed,
            @ForAll @DoubleRange(min = 0.01, max = 100) double scale,
            @ForAll @DoubleRange(min = 0, max = 10) double maxDelta) {
        Params grads = randomGrads(new SplittableRandom(seed), scale);
        Params clipped = apply(Optimizers.clipByValue(maxDelta), grads);
        for (String path : grads.paths()) {
            double[] before = grads.get(path).toArray();
            double[] after = clipped.get(path).toArray();
            for (int i = 0; i < before.length; i++) {
                double want = Math.max(-maxDelta, Math.min(maxDelta, before[i]));
                assertEquals(want, after[i], 0.0, path + "[" + i + "]");
            }
        }
    }

    @Test
    void clippingPassesNaNThroughRatherThanHidingIt() {
        Params grads = Params.of("w", Tensor.of(Double.NaN, 3, -4), "b", Tensor.of(1));
        double[] byValue = apply(Optimizers.clipByValue(2), grads).get("w").toArray();
        assertTrue(Double.isNaN(byValue[0]));
        assertEquals(2, byValue[1]);
        assertEquals(-2, byValue[2]);
        assertTrue(Double.isNaN(apply(Optimizers.clipByGlobalNorm(1), grads).get("b").item()));
        assertTrue(Double.isNaN(apply(Optimizers.clipByNorm(1), grads).get("w").toArray()[1]));
        assertEquals(1, apply(Optimizers.clipByNorm(1), grads).get("b").item());
    }

    @Test
    void clippingBoundsMustBePositiveAndFinite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.clipByGlobalNorm(0));
        assertEquals("clipByGlobalNorm: maxNorm must be positive and finite, got 0.0",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.clipByNorm(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.clipByValue(-1));
        assertEquals("chain(clipByGlobalNorm(1.0), sgd(learningRate=0.1))", Optimizers.chain(
                Optimizers.clipByGlobalNorm(1), Optimizers.sgd(0.1)).toString());
    }

    private static Params apply(GradientTransformation<EmptyState> clip, Params grads) {
        return clip.update(grads, clip.init(grads), grads).updates();
    }

    static Params randomGrads(SplittableRandom rng, double scale) {
        int count = 1 + rng.nextInt(3);
        ImmutableMap.Builder<String, Tensor> tensors = ImmutableMap.builder();
        for (int i = 0; i < count; i++) {
            int[] dims = new int[rng.nextInt(4)];
            for (int d = 0; d < dims.length; d++) {
                dims[d] = 1 + rng.nextInt(4);
            }
            tensors.put("t" + i, Tensor.uniform(Shape.of(dims), -scale, scale, rng));
        }
        return Params.copyOf(tensors.buildOrThrow());
    }
}
