package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

    static int[] classCounts(Dataset part) {
        int[] counts = new int[part.numClasses()];
        for (int i = 0; i < part.size(); i++) {
            counts[part.labels().get(i)]++;
        }
        return counts;
    }

    @Test
    void irisSplitsSeventyTwentyTenWithEveryClassInProportion() {
        // 50 per class: 35 / 10 / 5 of each in parts of 105, 30 and 15.
        Split split = Split.stratified(Datasets.iris(), new SplittableRandom(0));
        assertArrayEquals(new int[] {35, 35, 35}, classCounts(split.train()));
        assertArrayEquals(new int[] {10, 10, 10}, classCounts(split.validation()));
        assertArrayEquals(new int[] {5, 5, 5}, classCounts(split.test()));
    }

    @Test
    void wineClassesAreRoundedWithinOneAndThePartSizesKept() {
        // Wine: 59, 71 and 48 samples; parts 125 / 36 / 17 (floor(178 f) = 124, 35, 17, plus
        // the 2 left over to the first two parts). Ideal counts: 59 * 125 / 178 = 41.43, ...
        Split split = Split.stratified(Datasets.wine(), new SplittableRandom(3));
        assertEquals(List.of(125, 36, 17), List.of(split.train().size(),
                split.validation().size(), split.test().size()));
        int[] sizes = {125, 36, 17};
        int[] classes = {59, 71, 48};
        List<Dataset> parts = List.of(split.train(), split.validation(), split.test());
        for (int j = 0; j < 3; j++) {
            int[] counts = classCounts(parts.get(j));
            for (int k = 0; k < 3; k++) {
                double ideal = (double) classes[k] * sizes[j] / 178;
                assertTrue(Math.abs(counts[k] - ideal) < 1,
                        "class " + k + " part " + j + ": " + counts[k] + " vs " + ideal);
            }
        }
    }

    @Test
    void countsCanBeGivenInsteadOfFractions() {
        Split split = Split.stratifiedCounts(Datasets.iris(), new SplittableRandom(0), 90, 30, 30);
        assertArrayEquals(new int[] {30, 30, 30}, classCounts(split.train()));
        assertArrayEquals(new int[] {10, 10, 10}, classCounts(split.test()));
        Split plain = Split.ofCounts(SplitTest.indexed(10), new SplittableRandom(7), 6, 3, 1);
        assertEquals(List.of(6, 3, 1), List.of(plain.train().size(), plain.validation().size(),
                plain.test().size()));
        // The same cut of the same permutation as Split.of.
        ImmutableIntArray order = Batches.permutation(10, new SplittableRandom(7));
        assertArrayEquals(new double[] {order.get(6), order.get(7), order.get(8)},
                plain.validation().features().toArray(), 0.0);
        String sum = assertThrows(IllegalArgumentException.class,
                () -> Split.ofCounts(SplitTest.indexed(10), new SplittableRandom(0), 6, 3, 2))
                .getMessage();
        assertTrue(sum.contains("[6, 3, 2]") && sum.contains("10 samples")
                && sum.contains("sum is 11"), sum);
        assertThrows(IllegalArgumentException.class, () -> Split.stratifiedCounts(
                SplitTest.indexed(10), new SplittableRandom(0), 11, -1, 0));
    }

    @Test
    void partsAreNotOrderedByClassAndEqualSeedsAgree() {
        Split a = Split.stratified(Datasets.iris(), new SplittableRandom(5));
        Split b = Split.stratified(Datasets.iris(), new SplittableRandom(5));
        assertEquals(a.train().labels(), b.train().labels());
        assertArrayEquals(a.test().features().toArray(), b.test().features().toArray(), 0.0);
        ImmutableIntArray labels = a.train().labels();
        boolean sorted = true;
        for (int i = 1; i < labels.length(); i++) {
            sorted &= labels.get(i - 1) <= labels.get(i);
        }
        assertFalse(sorted, "the training part is shuffled, not grouped by class");
    }

    @Test
    void theRoundingKeepsRowAndColumnSumsWhereLargestRemaindersFail() {
        // Three classes of 1 in three parts of 1: every ideal count is 1/3; each class and each
        // part must get exactly one sample, which a largest-remainder rule alone does not ensure.
        int[][] counts = Stratify.counts(new int[] {1, 1, 1}, new int[] {1, 1, 1});
        for (int i = 0; i < 3; i++) {
            assertEquals(1, counts[i][0] + counts[i][1] + counts[i][2]);
            assertEquals(1, counts[0][i] + counts[1][i] + counts[2][i]);
        }
        // Three classes of 2 in three parts of 2 (ideal 2/3 each): taking the largest remainders
        // in order raises (0, 0), (0, 1), (1, 0), (1, 1), (2, 2) and then gets stuck with class 2
        // and part 2 one short; an augmenting path has to move a sample.
        int[][] stuck = Stratify.counts(new int[] {2, 2, 2}, new int[] {2, 2, 2});
        for (int i = 0; i < 3; i++) {
            assertEquals(2, stuck[i][0] + stuck[i][1] + stuck[i][2], "class " + i);
            assertEquals(2, stuck[0][i] + stuck[1][i] + stuck[2][i], "part " + i);
            for (int j = 0; j < 3; j++) {
                assertTrue(stuck[i][j] == 0 || stuck[i][j] == 1);
            }
        }
        int[][] skewed = Stratify.counts(new int[] {7, 2, 1}, new int[] {7, 2, 1});
        assertArrayEquals(new int[] {5, 1, 1}, skewed[0]); // 4.9, 1.4, 0.7
        assertEquals(10, java.util.Arrays.stream(skewed).flatMapToInt(java.util.Arrays::stream)
                .sum());
    }

    @Test
    void aClassAbsentFromTheDataIsFine() {
        Dataset twoOfThree = new Dataset(Tensor.arange(6).reshape(6, 1),
                ImmutableIntArray.of(0, 0, 0, 2, 2, 2), ImmutableList.of("a", "b", "c"));
        Split split = Split.stratifiedCounts(twoOfThree, new SplittableRandom(0), 4, 2, 0);
        assertArrayEquals(new int[] {2, 0, 2}, classCounts(split.train()));
        assertArrayEquals(new int[] {1, 0, 1}, classCounts(split.validation()));
    }
}
