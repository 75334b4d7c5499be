package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;
import jgrad.core.Tensor;
import jgrad.nn.losses.Labels;


/**
 * Scores of predictions that are not differentiated (computed on plain values): accuracy, top-k
 * accuracy and the confusion matrix (with precision, recall and F1 per class and macro-averaged)
 * for classification; mean squared error, mean absolute error and R² for regression.
 *
 * <pre>{@code
 * jshell> Metrics.confusionMatrix(logits, labels).macroF1()
 * jshell> Metrics.r2(predictions, targets)
 * }</pre>
 */
public final class Metrics {

    private Metrics() {}

    /**
     * Classification accuracy, the fraction of samples whose largest logit is at their label:
     * {@code mean(argmax(logits, 1) == labels)}, in [0, 1]. Ties go to the first largest logit;
     * NaN for an empty batch (0/0, as a mean over nothing) and NaN when any logit is NaN (a
     * diverged model has no meaningful prediction; argmax alone would call them all class 0).
     *
     * <p>Shapes: {@code logits [batch, K]}, {@code labels [batch]} -> a {@code double}.
     * Probabilities or log-probabilities work as well as logits (the argmax is the same).
     *
     * @throws IllegalArgumentException if {@code logits} is not 2-D with {@code K >= 1}, the
     *     label count differs from the batch size, or a label is outside {@code 0..K-1} (naming
     *     it, its index and the range)
     */
    public static double accuracy(Tensor logits, ImmutableIntArray labels) {
        checkClassification("accuracy", logits, labels);
        for (double logit : logits.toArray()) {
            if (Double.isNaN(logit)) {
                return Double.NaN;
            }
        }
        double[] predicted = logits.argmax(1).toArray();
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == labels.get(i)) {
                correct++;
            }
        }
        return (double) correct / predicted.length;
    }

    /**
     * {@link #accuracy(Tensor, ImmutableIntArray)} of labels held in an integer tensor (as
     * PyTorch and torchmetrics take them). Shapes: {@code logits [batch, K]}, {@code labels
     * [batch]} int32 or int64 -> a {@code double}.
     *
     * @throws IllegalArgumentException if the labels are not an integer tensor {@code [batch]}
     *     (float labels name the cast, see {@link Labels}), the shapes do not fit, or a label is
     *     outside {@code 0..K-1}
     */
    public static double accuracy(Tensor logits, Tensor labels) {
        return accuracy(logits, Labels.toIndices("accuracy", labels));
    }

    /**
     * Top-k accuracy: the fraction of samples whose label is among the {@code k} largest logits.
     * A label counts when fewer than {@code k} classes rank above it, where a class ranks above
     * the label if its logit is larger, or equal with a smaller index (the tie rule of {@link
     * #accuracy}, so {@code k = 1} is the accuracy). NaN for an empty batch or when any logit is
     * NaN; 1 when {@code k >= K}.
     *
     * <p>Shapes: {@code logits [batch, K]}, {@code labels [batch]} -> a {@code double}.
     *
     * @throws IllegalArgumentException if {@code k < 1}, the shapes do not fit, or a label is
     *     outside {@code 0..K-1} (naming it, its index and the range)
     */
    public static double topKAccuracy(Tensor logits, ImmutableIntArray labels, int k) {
        checkClassification("topKAccuracy", logits, labels);
        checkArgument(k >= 1, "topKAccuracy: k must be >= 1, got %s", k);
        int batch = logits.shape().dim(0);
        int classes = logits.shape().dim(1);
        double[] values = logits.toArray();
        int hits = 0;
        for (int i = 0; i < batch; i++) {
            int label = labels.get(i);
            double labelLogit = values[i * classes + label];
            int above = 0;
            for (int j = 0; j < classes; j++) {
                double v = values[i * classes + j];
                if (Double.isNaN(v)) {
                    return Double.NaN;
                }
                if (v > labelLogit || (v == labelLogit && j < label)) {
                    above++;
                }
            }
            if (above < k) {
                hits++;
            }
        }
        return (double) hits / batch;
    }

    /**
     * {@link #topKAccuracy(Tensor, ImmutableIntArray, int)} of labels held in an integer tensor.
     * Shapes: {@code logits [batch, K]}, {@code labels [batch]} int32 or int64.
     *
     * @throws IllegalArgumentException if the labels are not an integer tensor {@code [batch]},
     *     or as the array form
     */
    public static double topKAccuracy(Tensor logits, Tensor labels, int k) {
        return topKAccuracy(logits, Labels.toIndices("topKAccuracy", labels), k);
    }

    /**
     * The confusion matrix of the predicted classes {@code argmax(logits, 1)} (first on ties)
     * against {@code labels}, with precision, recall and F1 per class and macro-averaged.
     *
     * <p>Shapes: {@code logits [batch, K]}, {@code labels [batch]} -> a {@code K × K} matrix.
     *
     * @throws IllegalArgumentException if the shapes do not fit, a label is outside {@code
     *     0..K-1}, or a logit is NaN (a diverged model predicts nothing)
     */
    public static ConfusionMatrix confusionMatrix(Tensor logits, ImmutableIntArray labels) {
        checkClassification("confusionMatrix", logits, labels);
        for (double logit : logits.toArray()) {
            checkArgument(!Double.isNaN(logit), "confusionMatrix: the logits contain NaN");
        }
        double[] argmax = logits.argmax(1).toArray();
        int[] predicted = new int[argmax.length];
        for (int i = 0; i < argmax.length; i++) {
            predicted[i] = (int) argmax[i];
        }
        return ConfusionMatrix.of(ImmutableIntArray.copyOf(predicted), labels,
                logits.shape().dim(1));
    }

    /**
     * {@link #confusionMatrix(Tensor, ImmutableIntArray)} of labels held in an integer tensor.
     * Shapes: {@code logits [batch, K]}, {@code labels [batch]} int32 or int64.
     *
     * @throws IllegalArgumentException if the labels are not an integer tensor {@code [batch]},
     *     or as the array form
     */
    public static ConfusionMatrix confusionMatrix(Tensor logits, Tensor labels) {
        return confusionMatrix(logits, Labels.toIndices("confusionMatrix", labels));
    }

    /**
     * Mean squared error {@code mean((predictions - targets)²)} over all elements, as a number
     * (scikit-learn's {@code mean_squared_error} for one output); NaN for no elements.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public static double meanSquaredError(Tensor predictions, Tensor targets) {
        double[][] pt = regression("meanSquaredError", predictions, targets);
        double sum = 0;
        for (int i = 0; i < pt[0].length; i++) {
            double d = pt[0][i] - pt[1][i];
            sum += d * d;
        }
        return sum / pt[0].length;
    }

    /**
     * Mean absolute error {@code mean(|predictions - targets|)} over all elements; NaN for no
     * elements.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public static double meanAbsoluteError(Tensor predictions, Tensor targets) {
        double[][] pt = regression("meanAbsoluteError", predictions, targets);
        double sum = 0;
        for (int i = 0; i < pt[0].length; i++) {
            sum += Math.abs(pt[0][i] - pt[1][i]);
        }
        return sum / pt[0].length;
    }

    /**
     * The coefficient of determination {@code R² = 1 - Σ (y - ŷ)² / Σ (y - mean(y))²}, as
     * scikit-learn's {@code r2_score}: 1 is a perfect fit, 0 predicts no better than the mean,
     * and it is negative for worse. Shapes {@code [n]} (one output) or {@code [n, outputs]}, where
     * each column gets its own R² and the result is their mean ({@code
     * multioutput='uniform_average'}). A column whose targets are constant scores 1 if predicted
     * exactly and 0 otherwise (scikit-learn's {@code force_finite}). NaN propagates.
     *
     * @throws IllegalArgumentException if the shapes differ, are not rank 1 or 2, or have fewer
     *     than two samples
     */
    public static double r2(Tensor predictions, Tensor targets) {
        double[][] pt = regression("r2", predictions, targets);
        checkArgument(predictions.rank() == 1 || predictions.rank() == 2,
                "r2: predictions [n] or [n, outputs] expected, got shape %s",
                predictions.shape());
        int n = predictions.shape().dim(0);
        int outputs = predictions.rank() == 1 ? 1 : predictions.shape().dim(1);
        checkArgument(n >= 2, "r2: needs at least 2 samples, got %s", n);
        double sum = 0;
        for (int j = 0; j < outputs; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += pt[1][i * outputs + j];
            }
            mean /= n;
            double residual = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                double y = pt[1][i * outputs + j];
                double r = y - pt[0][i * outputs + j];
                residual += r * r;
                total += (y - mean) * (y - mean);
            }
            if (total == 0) {
                sum += residual == 0 ? 1 : 0;
            } else {
                sum += 1 - residual / total;
            }
        }
        return sum / outputs;
    }

    private static double[][] regression(String metric, Tensor predictions, Tensor targets) {
        checkNotNull(predictions, "%s: predictions is null", metric);
        checkNotNull(targets, "%s: targets is null", metric);
        checkArgument(predictions.shape().equals(targets.shape()),
                "%s: predictions and targets must have equal shapes, got %s and %s", metric,
                predictions.shape(), targets.shape());
        return new double[][] {predictions.toArray(), targets.toArray()};
    }

    private static void checkClassification(String metric, Tensor logits,
            ImmutableIntArray labels) {
        checkNotNull(logits, "%s: logits is null", metric);
        checkNotNull(labels, "%s: labels is null", metric);
        checkArgument(logits.rank() == 2 && logits.shape().dim(1) >= 1,
                "%s: logits [batch, K] with K >= 1 expected, got shape %s", metric,
                logits.shape());
        checkArgument(labels.length() == logits.shape().dim(0),
                "%s: logits [batch, K] = %s need %s labels, got %s", metric, logits.shape(),
                logits.shape().dim(0), labels.length());
        int classes = logits.shape().dim(1);
        for (int i = 0; i < labels.length(); i++) {
            checkArgument(0 <= labels.get(i) && labels.get(i) < classes,
                    "%s: label %s at index %s is outside the valid range 0..%s", metric,
                    labels.get(i), i, classes - 1);
        }
    }
}
