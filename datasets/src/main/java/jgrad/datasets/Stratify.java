package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Stratified assignment of samples to parts (splits or folds): every part gets each class in
 * proportion to the class's size, within one sample.
 *
 * <p>With {@code N} samples, class sizes {@code c_k} and part sizes {@code s_j} (summing to
 * {@code N}), the ideal count of class {@code k} in part {@code j} is {@code c_k s_j / N}. Its
 * rows sum to the integers {@code c_k} and its columns to the integers {@code s_j}, so it can be
 * rounded to integers that are each the floor or the ceiling of the ideal while keeping every row
 * and column sum (the integrality of network flows; Bacharach, "Matrix rounding problems", 1966).
 * The rounding starts from the floors, hands the missing samples to the cells with the largest
 * remainders first, and completes it with augmenting paths where that greedy choice gets stuck.
 */
final class Stratify {

    private Stratify() {}

    /**
     * The sample indices of each part: class by class, the class's samples in a random order
     * (Fisher-Yates with {@code rng}) are dealt to the parts in the counts of {@link #counts};
     * then each part is shuffled, so no part is ordered by class.
     *
     * @param labels     the class of each sample, {@code 0..numClasses-1}
     * @param partSizes  the size of each part, summing to {@code labels.length()}
     */
    static ImmutableList<ImmutableIntArray> assign(ImmutableIntArray labels, int numClasses,
            ImmutableIntArray partSizes, RandomGenerator rng) {
        int n = labels.length();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < numClasses; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            byClass.get(labels.get(i)).add(i);
        }
        int[] classSizes = byClass.stream().mapToInt(List::size).toArray();
        int[][] counts = counts(classSizes, partSizes.toArray());
        int[][] parts = new int[partSizes.length()][];
        int[] filled = new int[partSizes.length()];
        for (int j = 0; j < parts.length; j++) {
            parts[j] = new int[partSizes.get(j)];
        }
        for (int k = 0; k < numClasses; k++) {
            int[] members = byClass.get(k).stream().mapToInt(Integer::intValue).toArray();
            shuffle(members, rng);
            int next = 0;
            for (int j = 0; j < parts.length; j++) {
                for (int c = 0; c < counts[k][j]; c++) {
                    parts[j][filled[j]++] = members[next++];
                }
            }
        }
        ImmutableList.Builder<ImmutableIntArray> result = ImmutableList.builder();
        for (int[] part : parts) {
            shuffle(part, rng);
            result.add(ImmutableIntArray.copyOf(part));
        }
        return result.build();
    }

    /**
     * The count of each class in each part: {@code counts[k][j]} is {@code floor(c_k s_j / N)}
     * or one more, row {@code k} sums to {@code classSizes[k]} and column {@code j} to {@code
     * partSizes[j]}.
     */
    static int[][] counts(int[] classSizes, int[] partSizes) {
        long total = Arrays.stream(classSizes).asLongStream().sum();
        checkArgument(total == Arrays.stream(partSizes).asLongStream().sum(),
                "stratify: class sizes %s and part sizes %s have different sums",
                Arrays.toString(classSizes), Arrays.toString(partSizes));
        int classes = classSizes.length;
        int parts = partSizes.length;
        int[][] counts = new int[classes][parts];
        long[][] remainder = new long[classes][parts];
        int[] rowNeed = classSizes.clone();
        int[] columnNeed = partSizes.clone();
        List<int[]> cells = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < parts; j++) {
                long ideal = (long) classSizes[k] * partSizes[j];
                counts[k][j] = total == 0 ? 0 : (int) (ideal / total);
                remainder[k][j] = total == 0 ? 0 : ideal % total;
                rowNeed[k] -= counts[k][j];
                columnNeed[j] -= counts[k][j];
                if (remainder[k][j] > 0) {
                    cells.add(new int[] {k, j});
                }
            }
        }
        // Largest remainders first (ties: lower class, then lower part).
        cells.sort(Comparator.comparingLong((int[] cell) -> -remainder[cell[0]][cell[1]]));
        boolean[][] raised = new boolean[classes][parts];
        int missing = Arrays.stream(rowNeed).sum();
        for (int[] cell : cells) {
            int k = cell[0];
            int j = cell[1];
            if (rowNeed[k] > 0 && columnNeed[j] > 0) {
                raised[k][j] = true;
                rowNeed[k]--;
                columnNeed[j]--;
                missing--;
            }
        }
        while (missing > 0) {
            augment(remainder, raised, rowNeed, columnNeed);
            missing--;
        }
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < parts; j++) {
                counts[k][j] += raised[k][j] ? 1 : 0;
            }
        }
        return counts;
    }

    /**
     * One augmenting path from a class still short of samples to a part still short of samples:
     * class to part along a fractional cell not yet raised, part back to class along a raised
     * cell; the cells on the path flip.
     */
    private static void augment(long[][] remainder, boolean[][] raised, int[] rowNeed,
            int[] columnNeed) {
        int classes = rowNeed.length;
        int parts = columnNeed.length;
        int[] partParent = new int[parts];
        int[] classParent = new int[classes];
        Arrays.fill(partParent, -1);
        Arrays.fill(classParent, -2);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k = 0; k < classes; k++) {
            if (rowNeed[k] > 0) {
                classParent[k] = -1;
                queue.add(k);
            }
        }
        while (!queue.isEmpty()) {
            int k = queue.poll();
            for (int j = 0; j < parts; j++) {
                if (partParent[j] >= 0 || remainder[k][j] == 0 || raised[k][j]) {
                    continue;
                }
                partParent[j] = k;
                if (columnNeed[j] > 0) {
                    columnNeed[j]--;
                    for (int part = j; ; ) {
                        int owner = partParent[part];
                        raised[owner][part] = true;
                        int previous = classParent[owner];
                        if (previous == -1) {
                            rowNeed[owner]--;
                            return;
                        }
                        raised[owner][previous] = false;
                        part = previous;
                    }
                }
                for (int other = 0; other < classes; other++) {
                    if (classParent[other] == -2 && raised[other][j]) {
                        classParent[other] = j;
                        queue.add(other);
                    }
                }
            }
        }
        throw new IllegalStateException("stratify: no augmenting path; the rounding of a matrix"
                + " with integer row and column sums always exists");
    }

    private static void shuffle(int[] values, RandomGenerator rng) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
