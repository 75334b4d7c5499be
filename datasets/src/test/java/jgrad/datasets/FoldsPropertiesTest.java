package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import jgrad.core.Tensor;
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

/** Stratified splits and k-fold indices: partitions, sizes and class proportions. */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class FoldsPropertiesTest {

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
    void stratifiedSplitsPartitionTheSamplesAndKeepClassProportionsWithinOne(
            @ForAll("labels") int[] labels, @ForAll("threeFractions") double[] f,
            @ForAll long seed) {
        Dataset data = labelled(labels);
        Split split = Split.stratified(data, new SplittableRandom(seed), f[0], f[1], f[2]);
        ImmutableIntArray sizes = Split.sizes(labels.length, f);
        List<Dataset> parts = List.of(split.train(), split.validation(), split.test());
        int[] seen = new int[labels.length];
        int[] classSizes = StratifiedSplitTest.classCounts(data);
        for (int j = 0; j < 3; j++) {
            Dataset part = parts.get(j);
            assertEquals(sizes.get(j), part.size(), "part " + j + " size");
            double[] indices = part.features().toArray();
            for (int i = 0; i < part.size(); i++) {
                int index = (int) indices[i];
                seen[index]++;
                assertEquals(labels[index], part.labels().get(i), "label travels with sample");
            }
            int[] counts = StratifiedSplitTest.classCounts(part);
            for (int k = 0; k < counts.length; k++) {
                double ideal = (double) classSizes[k] * sizes.get(j) / labels.length;
                assertTrue(Math.abs(counts[k] - ideal) < 1, "class " + k + " in part " + j + ": "
                        + counts[k] + ", ideal " + ideal);
            }
        }
        int[] once = new int[labels.length];
        Arrays.fill(once, 1);
        assertArrayEquals(once, seen);
    }

    @Property
    void foldsHoldOutEverySampleOnceWithSizesWithinOne(
            @ForAll @IntRange(min = 2, max = 200) int n, @ForAll @IntRange(min = 2, max = 12) int k,
            @ForAll long seed) {
        if (k > n) {
            return;
        }
        for (ImmutableList<Fold> folds : List.of(Folds.kFold(n, k),
                Folds.kFold(n, k, new SplittableRandom(seed)))) {
            checkFolds(folds, n, k);
        }
    }

    @Property
    void stratifiedFoldsKeepClassProportionsWithinOne(
            @ForAll("labels") int[] labels, @ForAll @IntRange(min = 2, max = 10) int k,
            @ForAll long seed) {
        if (k > labels.length) {
            return;
        }
        ImmutableList<Fold> folds = Folds.stratifiedKFold(ImmutableIntArray.copyOf(labels), k,
                new SplittableRandom(seed));
        checkFolds(folds, labels.length, k);
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        int[] classSizes = new int[classes];
        for (int label : labels) {
            classSizes[label]++;
        }
        for (Fold fold : folds) {
            int[] counts = new int[classes];
            for (int index : fold.validation().toArray()) {
                counts[labels[index]]++;
            }
            for (int c = 0; c < classes; c++) {
                double ideal = (double) classSizes[c] * fold.validation().length() / labels.length;
                assertTrue(Math.abs(counts[c] - ideal) < 1,
                        "class " + c + ": " + counts[c] + ", ideal " + ideal);
            }
        }
    }

    private static void checkFolds(ImmutableList<Fold> folds, int n, int k) {
        assertEquals(k, folds.size());
        int[] heldOut = new int[n];
        for (Fold fold : folds) {
            int size = fold.validation().length();
            assertTrue(size == n / k || size == n / k + 1, "fold size " + size);
            assertEquals(n, size + fold.train().length());
            boolean[] inFold = new boolean[n];
            for (int index : fold.validation().toArray()) {
                heldOut[index]++;
                inFold[index] = true;
            }
            for (int index : fold.train().toArray()) {
                assertTrue(!inFold[index], "index " + index + " is in train and validation");
            }
            assertSorted(fold.train());
            assertSorted(fold.validation());
        }
        int[] once = new int[n];
        Arrays.fill(once, 1);
        assertArrayEquals(once, heldOut);
    }

    private static void assertSorted(ImmutableIntArray indices) {
        for (int i = 1; i < indices.length(); i++) {
            assertTrue(indices.get(i - 1) < indices.get(i), indices.toString());
        }
    }

    /** Samples whose feature is their index, with the given labels (classes 0..max). */
    static Dataset labelled(int[] labels) {
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        double[] features = new double[labels.length];
        Arrays.setAll(features, i -> i);
        ImmutableList.Builder<String> names = ImmutableList.builder();
        for (int c = 0; c < classes; c++) {
            names.add("c" + c);
        }
        return new Dataset(Tensor.of(features, labels.length, 1),
                ImmutableIntArray.copyOf(labels), names.build());
    }

    /** 1 to 120 labels of 1 to 6 classes, often unbalanced. */
    @Provide
    Arbitrary<int[]> labels() {
        return Arbitraries.integers().between(1, 6).flatMap(classes ->
                Arbitraries.integers().between(0, classes - 1).map(c -> c * c % classes)
                        .array(int[].class).ofMinSize(1).ofMaxSize(120));
    }

    @Provide
    Arbitrary<double[]> threeFractions() {
        return Arbitraries.doubles().between(0, 1).ofScale(3).array(double[].class).ofSize(3)
                .filter(w -> Arrays.stream(w).sum() > 0)
                .map(w -> {
                    double sum = Arrays.stream(w).sum();
                    return Arrays.stream(w).map(x -> x / sum).toArray();
                });
    }
}
