package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import jgrad.core.LogCapture;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void sizesFollowTheRandomSplitRuleOnTheC18Table() {
        // C18: n_i = floor(N f_i), then the leftover goes one at a time to splits 0, 1, ...
        assertEquals(ImmutableIntArray.of(6, 2, 2), Split.sizes(10, 0.5, 0.25, 0.25));
        assertEquals(ImmutableIntArray.of(8, 1, 1), Split.sizes(10, 0.7, 0.15, 0.15));
        assertEquals(ImmutableIntArray.of(5, 1, 1), Split.sizes(7, 0.6, 0.2, 0.2));
        assertEquals(ImmutableIntArray.of(5, 0), Split.sizes(5, 0.9, 0.1));
    }

    @Test
    void twentyFractionsOfFiveHundredthsAreAcceptedDespiteTheirRoundedSum() {
        // C18: twenty times 0.05 sums to 1.0000000000000002 in floating point.
        double[] fractions = new double[20];
        Arrays.fill(fractions, 0.05);
        double sum = 0;
        for (double f : fractions) {
            sum += f;
        }
        assertNotEquals(1.0, sum);
        int[] fives = new int[20];
        Arrays.fill(fives, 5);
        assertEquals(ImmutableIntArray.copyOf(fives), Split.sizes(100, fractions));
    }

    @Test
    void leftoverGoesToTheFirstSplitsInOrder() {
        // floor(10 / 3) = 3 each, leftover 1 -> [4, 3, 3]; N = 11 -> leftover 2 -> [4, 4, 3].
        double third = 1.0 / 3;
        assertEquals(ImmutableIntArray.of(4, 3, 3), Split.sizes(10, third, third, third));
        assertEquals(ImmutableIntArray.of(4, 4, 3), Split.sizes(11, third, third, third));
        assertEquals(ImmutableIntArray.of(0, 0, 0), Split.sizes(0, third, third, third));
    }

    @Test
    void emptySplitIsLoggedAsWarningAndReported() {
        try (LogCapture log = LogCapture.of("jgrad.datasets.Split")) {
            List<LogRecord> records = log.records();
            // C18: N = 5, fractions 0.9 and 0.1 -> [5, 0], with a warning that split 1 is empty.
            assertEquals(ImmutableIntArray.of(5, 0), Split.sizes(5, 0.9, 0.1));
            assertEquals(1, records.size());
            assertEquals(Level.WARNING, records.get(0).getLevel());
            String message = records.get(0).getMessage();
            assertTrue(message.contains("[1]") && message.contains("[5, 0]"), message);

            records.clear();
            assertEquals(ImmutableIntArray.of(6, 2, 2), Split.sizes(10, 0.5, 0.25, 0.25));
            assertEquals(0, records.size());
        }
        assertEquals(ImmutableIntArray.of(1), Split.emptySplits(5, 0.9, 0.1));
        assertEquals(ImmutableIntArray.of(), Split.emptySplits(10, 0.7, 0.15, 0.15));
        assertEquals(ImmutableIntArray.of(1, 2), Split.emptySplits(3, 1.0, 0.0, 0.0));
    }

    @Test
    void splitOfReportsItsEmptyParts() {
        Split split = Split.of(indexed(5), new SplittableRandom(1), 0.9, 0.1, 0.0);
        assertEquals(ImmutableList.of("validation", "test"), split.emptySplits());
        assertEquals(ImmutableList.of(), Split.of(indexed(10), new SplittableRandom(1)).emptySplits());
    }

    @Test
    void badFractionsAreRefusedNamingThemAndTheirSum() {
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> Split.sizes(10, 0.5, 0.4));
        assertTrue(sum.getMessage().contains("[0.5, 0.4]"), sum.getMessage());
        assertTrue(sum.getMessage().contains("0.9"), sum.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> Split.sizes(10, 1.5, -0.5));
        assertTrue(negative.getMessage().contains("[1.5, -0.5]"), negative.getMessage());
        assertTrue(negative.getMessage().contains("sum 1.0"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Split.sizes(10, Double.NaN, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Split.sizes(10));
        assertThrows(IllegalArgumentException.class, () -> Split.sizes(-1, 1.0));
        // Within the 1e-9 tolerance is accepted, beyond it is not.
        assertEquals(ImmutableIntArray.of(5, 5), Split.sizes(10, 0.5, 0.5 + 5e-10));
        assertThrows(IllegalArgumentException.class, () -> Split.sizes(10, 0.5, 0.5 + 2e-9));
    }

    @Test
    void defaultSplitIsSeventyTwentyTenOfIris() {
        Split split = Split.of(Datasets.iris(), new SplittableRandom(0));
        assertEquals(105, split.train().size());
        assertEquals(30, split.validation().size());
        assertEquals(15, split.test().size());
        assertEquals(150, split.size());
        assertEquals(Optional.empty(), split.scaler());
        assertEquals(Datasets.iris().classNames(), split.test().classNames());
    }

    @Test
    void partsPartitionTheShuffledSamples() {
        Split split = Split.of(indexed(20), new SplittableRandom(7), 0.5, 0.25, 0.25);
        List<Integer> seen = new ArrayList<>();
        for (Dataset part : List.of(split.train(), split.validation(), split.test())) {
            for (double index : part.features().toArray()) {
                seen.add((int) index);
            }
        }
        // The parts are consecutive runs of Batches.permutation with the same seed.
        ImmutableIntArray order = Batches.permutation(20, new SplittableRandom(7));
        assertEquals(order.asList(), seen);
        assertEquals(20, seen.stream().distinct().count());
    }

    @Test
    void labelsTravelWithTheirFeatures() {
        Split split = Split.of(indexed(30), new SplittableRandom(3));
        for (Dataset part : List.of(split.train(), split.validation(), split.test())) {
            double[] features = part.features().toArray();
            for (int i = 0; i < part.size(); i++) {
                assertEquals((int) features[i] % 3, part.labels().get(i));
            }
        }
    }

    @Test
    void equalSeedsGiveEqualSplitsAndOtherSeedsOtherSplits() {
        Dataset data = indexed(50);
        Split a = Split.of(data, new SplittableRandom(42));
        Split b = Split.of(data, new SplittableRandom(42));
        Split c = Split.of(data, new SplittableRandom(43));
        assertArrayEquals(a.train().features().toArray(), b.train().features().toArray(), 0.0);
        assertArrayEquals(a.test().features().toArray(), b.test().features().toArray(), 0.0);
        assertEquals(a.validation().labels(), b.validation().labels());
        assertFalse(Arrays.equals(a.train().features().toArray(), c.train().features().toArray()));
    }

    @Test
    void standardizedFitsOnTrainOnlyAndAppliesToAllParts() {
        Split raw = Split.of(Datasets.iris(), new SplittableRandom(0));
        Split standardized = raw.standardized();
        ZScore scaler = standardized.scaler().orElseThrow();
        ZScore expected = ZScore.fit(raw.train().features());
        assertTrue(scaler.mean().allClose(expected.mean(), 0, 0));
        assertTrue(scaler.std().allClose(expected.std(), 0, 0));
        assertTrue(standardized.validation().features()
                .allClose(expected.apply(raw.validation().features()), 0, 0));
        assertTrue(standardized.test().features()
                .allClose(expected.apply(raw.test().features()), 0, 0));
        // The training part has mean 0 and std 1 per column; the others need not.
        Tensor trainMeans = standardized.train().features().mean(0, false);
        assertTrue(trainMeans.allClose(Tensor.zeros(4), 0, 1e-12), trainMeans.toString());
        assertTrue(ZScore.fit(standardized.train().features()).std()
                .allClose(Tensor.ones(4), 0, 1e-12));
        assertFalse(standardized.validation().features().mean(0, false)
                .allClose(Tensor.zeros(4), 0, 1e-12));
        assertEquals(raw.train().labels(), standardized.train().labels());
        assertSame(standardized, standardized.standardized());
    }

    @Test
    void partsMustAgreeOnFeaturesAndClasses() {
        Dataset two = new Dataset(Tensor.zeros(1, 2), ImmutableIntArray.of(0), ImmutableList.of("a"));
        Dataset three = new Dataset(Tensor.zeros(1, 3), ImmutableIntArray.of(0), ImmutableList.of("a"));
        Dataset renamed = new Dataset(Tensor.zeros(1, 2), ImmutableIntArray.of(0), ImmutableList.of("b"));
        assertThrows(IllegalArgumentException.class, () -> new Split(two, two, three));
        assertThrows(IllegalArgumentException.class, () -> new Split(two, renamed, two));
    }

    @Test
    void toStringShowsThePartSizes() {
        String text = Split.of(Datasets.iris(), new SplittableRandom(0)).standardized().toString();
        assertTrue(text.contains("train 105, validation 30, test 15"), text);
        assertTrue(text.contains("standardized"), text);
    }

    /** Samples whose single feature is their index and whose label is the index modulo 3. */
    static Dataset indexed(int n) {
        double[] features = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            features[i] = i;
            labels[i] = i % 3;
        }
        return new Dataset(Tensor.of(features, n, 1), ImmutableIntArray.copyOf(labels),
                ImmutableList.of("a", "b", "c"));
    }
}
