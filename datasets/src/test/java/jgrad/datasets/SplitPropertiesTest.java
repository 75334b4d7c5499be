package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class SplitPropertiesTest {

    /** Small N makes empty parts common; their warnings would flood the test output. */
    private static final Logger SPLIT_LOGGER = Logger.getLogger("jgrad.datasets.Split");
    private static Level previousLevel;

    @BeforeContainer
    static void silenceEmptySplitWarnings() {
        previousLevel = SPLIT_LOGGER.getLevel();
        SPLIT_LOGGER.setLevel(Level.OFF);
    }

    @AfterContainer
    static void restoreWarnings() {
        SPLIT_LOGGER.setLevel(previousLevel);
    }

    @Property
    void sizesAddUpToNAndFollowTheLeftoverRule(
            @ForAll @IntRange(min = 0, max = 2000) int n, @ForAll("fractions") double[] fractions) {
        ImmutableIntArray sizes = Split.sizes(n, fractions);
        assertEquals(fractions.length, sizes.length());
        assertEquals(n, Arrays.stream(sizes.toArray()).sum());
        // Each part gets floor(N f_i) plus at most one leftover sample, and the leftover goes to
        // a prefix of the parts (0, 1, ..., r - 1).
        boolean extraAllowed = true;
        for (int i = 0; i < fractions.length; i++) {
            int extra = sizes.get(i) - (int) Math.floor(n * fractions[i]);
            assertTrue(extra == 0 || (extra == 1 && extraAllowed),
                    "part " + i + " of " + sizes + " for " + Arrays.toString(fractions));
            extraAllowed &= extra == 1;
        }
        ImmutableIntArray.Builder empty = ImmutableIntArray.builder();
        for (int i = 0; i < sizes.length(); i++) {
            if (sizes.get(i) == 0) {
                empty.add(i);
            }
        }
        assertEquals(empty.build(), Split.emptySplits(n, fractions));
    }

    @Property
    void splitPartitionsTheIndicesReproducibly(
            @ForAll @IntRange(min = 0, max = 300) int n, @ForAll("threeFractions") double[] f,
            @ForAll long seed) {
        Dataset data = SplitTest.indexed(n);
        Split split = Split.of(data, new SplittableRandom(seed), f[0], f[1], f[2]);
        assertEquals(Split.sizes(n, f), ImmutableIntArray.of(
                split.train().size(), split.validation().size(), split.test().size()));
        int[] seen = new int[n];
        for (Dataset part : List.of(split.train(), split.validation(), split.test())) {
            for (double index : part.features().toArray()) {
                seen[(int) index]++;
            }
        }
        int[] once = new int[n];
        Arrays.fill(once, 1);
        assertArrayEquals(once, seen);
        Split again = Split.of(data, new SplittableRandom(seed), f[0], f[1], f[2]);
        assertArrayEquals(split.train().features().toArray(), again.train().features().toArray());
        assertArrayEquals(split.validation().features().toArray(),
                again.validation().features().toArray());
        assertArrayEquals(split.test().features().toArray(), again.test().features().toArray());
    }

    @Provide
    Arbitrary<double[]> fractions() {
        return weights(1, 8);
    }

    @Provide
    Arbitrary<double[]> threeFractions() {
        return weights(3, 3);
    }

    /** Weights in [0, 1] (zeros included), normalised to sum to 1 within a few ulps. */
    private static Arbitrary<double[]> weights(int minSize, int maxSize) {
        return Arbitraries.doubles().between(0, 1).ofScale(3)
                .array(double[].class).ofMinSize(minSize).ofMaxSize(maxSize)
                .filter(w -> Arrays.stream(w).sum() > 0)
                .map(w -> {
                    double sum = Arrays.stream(w).sum();
                    return Arrays.stream(w).map(x -> x / sum).toArray();
                });
    }
}
