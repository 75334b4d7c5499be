package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableDoubleArray;
import com.google.common.primitives.ImmutableIntArray;
import java.util.Locale;

/**
 * Counts of (actual class, predicted class) pairs, rows actual and columns predicted (the
 * convention of scikit-learn's {@code confusion_matrix}), with the per-class and macro-averaged
 * precision, recall and F1 they give.
 *
 * <p>For class {@code c}: {@code precision = TP / (TP + FP)} (of the samples predicted {@code c},
 * the fraction that are {@code c}), {@code recall = TP / (TP + FN)} (of the samples that are
 * {@code c}, the fraction predicted {@code c}), {@code F1 = 2 · precision · recall / (precision
 * + recall)} (van Rijsbergen, "Information Retrieval", 1979). A ratio whose denominator is 0 is
 * taken as 0, scikit-learn's {@code zero_division} default. Macro averages are the unweighted mean
 * over the classes that occur among the labels or the predictions (scikit-learn's default label
 * set), so a class absent from both does not pull the average down.
 *
 * <pre>{@code
 * jshell> var cm = ConfusionMatrix.of(ImmutableIntArray.of(0, 1, 1),   // predicted
 *    ...>         ImmutableIntArray.of(0, 0, 1), 2);                       // labels
 * jshell> cm.recall(0) + " " + cm.precision(1) + " " + cm.macroF1()
 * $2 ==> "0.5 0.5 0.6666666666666666"
 * }</pre>
 *
 * @param numClasses the number of classes {@code K}
 * @param counts     {@code K × K} counts in row-major order: {@code counts[actual * K +
 *                   predicted]}
 */
public record ConfusionMatrix(int numClasses, ImmutableIntArray counts) {

    /**
     * @throws IllegalArgumentException if {@code numClasses < 1}, the counts are not {@code K × K}
     *     or a count is negative
     */
    public ConfusionMatrix {
        checkArgument(numClasses >= 1, "confusionMatrix: numClasses must be >= 1, got %s",
                numClasses);
        checkNotNull(counts, "confusionMatrix: counts is null");
        checkArgument(counts.length() == numClasses * numClasses,
                "confusionMatrix: %s x %s = %s counts expected, got %s", numClasses, numClasses,
                numClasses * numClasses, counts.length());
        for (int i = 0; i < counts.length(); i++) {
            checkArgument(counts.get(i) >= 0, "confusionMatrix: count %s at %s is negative",
                    counts.get(i), i);
        }
    }

    /**
     * The matrix of {@code predicted} against {@code labels}.
     *
     * @throws IllegalArgumentException if the lengths differ or a class is outside {@code
     *     0..numClasses-1}, naming it, its index and the range
     */
    public static ConfusionMatrix of(ImmutableIntArray predicted, ImmutableIntArray labels,
            int numClasses) {
        checkNotNull(predicted, "confusionMatrix: predicted is null");
        checkNotNull(labels, "confusionMatrix: labels is null");
        checkArgument(numClasses >= 1, "confusionMatrix: numClasses must be >= 1, got %s",
                numClasses);
        checkArgument(predicted.length() == labels.length(),
                "confusionMatrix: %s predictions for %s labels", predicted.length(),
                labels.length());
        int[] counts = new int[numClasses * numClasses];
        for (int i = 0; i < labels.length(); i++) {
            int actual = labels.get(i);
            int guess = predicted.get(i);
            checkArgument(0 <= actual && actual < numClasses, "confusionMatrix: label %s at index"
                    + " %s is outside the valid range 0..%s", actual, i, numClasses - 1);
            checkArgument(0 <= guess && guess < numClasses, "confusionMatrix: predicted class %s"
                    + " at index %s is outside the valid range 0..%s", guess, i, numClasses - 1);
            counts[actual * numClasses + guess]++;
        }
        return new ConfusionMatrix(numClasses, ImmutableIntArray.copyOf(counts));
    }

    /**
     * The number of samples of class {@code actual} predicted as {@code predicted}.
     *
     * @throws IndexOutOfBoundsException if a class is outside {@code 0..K-1}
     */
    public int count(int actual, int predicted) {
        checkElementIndex(actual, numClasses, "actual class");
        checkElementIndex(predicted, numClasses, "predicted class");
        return counts.get(actual * numClasses + predicted);
    }

    /** The number of samples counted. */
    public int total() {
        int total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The fraction on the diagonal, {@code Σ_c TP_c / total}; NaN for no samples. */
    public double accuracy() {
        int correct = 0;
        for (int c = 0; c < numClasses; c++) {
            correct += count(c, c);
        }
        return (double) correct / total();
    }

    /** The number of samples whose label is {@code c} (the row sum). */
    public int support(int c) {
        checkElementIndex(c, numClasses, "class");
        int sum = 0;
        for (int j = 0; j < numClasses; j++) {
            sum += count(c, j);
        }
        return sum;
    }

    /** The number of samples predicted as {@code c} (the column sum). */
    public int predictedCount(int c) {
        checkElementIndex(c, numClasses, "class");
        int sum = 0;
        for (int i = 0; i < numClasses; i++) {
            sum += count(i, c);
        }
        return sum;
    }

    /** {@code TP / (TP + FP)} for class {@code c}; 0 when nothing was predicted as {@code c}. */
    public double precision(int c) {
        return ratio(count(c, c), predictedCount(c));
    }

    /** {@code TP / (TP + FN)} for class {@code c}; 0 when no sample is labelled {@code c}. */
    public double recall(int c) {
        return ratio(count(c, c), support(c));
    }

    /**
     * {@code 2 · precision · recall / (precision + recall) = 2 TP / (2 TP + FP + FN)} for class
     * {@code c}; 0 when both are 0.
     */
    public double f1(int c) {
        return ratio(2 * count(c, c), support(c) + predictedCount(c));
    }

    /** {@link #precision(int)} of each class, class 0 first. */
    public ImmutableDoubleArray precisionPerClass() {
        return perClass(Score.PRECISION);
    }

    /** {@link #recall(int)} of each class, class 0 first. */
    public ImmutableDoubleArray recallPerClass() {
        return perClass(Score.RECALL);
    }

    /** {@link #f1(int)} of each class, class 0 first. */
    public ImmutableDoubleArray f1PerClass() {
        return perClass(Score.F1);
    }

    /** The mean precision over the classes present (labelled or predicted); NaN if none. */
    public double macroPrecision() {
        return macro(Score.PRECISION);
    }

    /** The mean recall over the classes present (labelled or predicted); NaN if none. */
    public double macroRecall() {
        return macro(Score.RECALL);
    }

    /**
     * The mean of the per-class F1 scores over the classes present (labelled or predicted), as
     * scikit-learn's {@code f1_score(average='macro')} (not the F1 of the macro precision and
     * recall); NaN if no class is present.
     */
    public double macroF1() {
        return macro(Score.F1);
    }

    /** The matrix as a table, rows actual and columns predicted, with a header row. */
    @Override
    public String toString() {
        int width = Math.max(String.valueOf(numClasses - 1).length(),
                String.valueOf(maxCount()).length()) + 1;
        StringBuilder out = new StringBuilder("actual \\ predicted\n");
        out.append(" ".repeat(width));
        for (int j = 0; j < numClasses; j++) {
            out.append(String.format(Locale.ROOT, "%" + width + "d", j));
        }
        for (int i = 0; i < numClasses; i++) {
            out.append('\n').append(String.format(Locale.ROOT, "%" + width + "d", i));
            for (int j = 0; j < numClasses; j++) {
                out.append(String.format(Locale.ROOT, "%" + width + "d", count(i, j)));
            }
        }
        return out.toString();
    }

    private enum Score { PRECISION, RECALL, F1 }

    private double score(Score score, int c) {
        switch (score) {
            case PRECISION:
                return precision(c);
            case RECALL:
                return recall(c);
            default:
                return f1(c);
        }
    }

    private ImmutableDoubleArray perClass(Score score) {
        ImmutableDoubleArray.Builder values = ImmutableDoubleArray.builder(numClasses);
        for (int c = 0; c < numClasses; c++) {
            values.add(score(score, c));
        }
        return values.build();
    }

    private double macro(Score score) {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < numClasses; c++) {
            if (support(c) + predictedCount(c) > 0) {
                sum += score(score, c);
                present++;
            }
        }
        return sum / present;
    }

    private int maxCount() {
        int max = 0;
        for (int i = 0; i < counts.length(); i++) {
            max = Math.max(max, counts.get(i));
        }
        return max;
    }

    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
