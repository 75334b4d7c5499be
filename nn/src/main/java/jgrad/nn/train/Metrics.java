package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;
import jgrad.core.Tensor;

/** Scores of predictions that are not differentiated (computed on plain values). */
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
     * @throws IllegalArgumentException if {@code logits} is not 2-D with {@code K >= 1} or the
     *     label count differs from the batch size
     */
    public static double accuracy(Tensor logits, ImmutableIntArray labels) {
        checkNotNull(logits, "accuracy: logits is null");
        checkNotNull(labels, "accuracy: labels is null");
        checkArgument(logits.rank() == 2 && logits.shape().dim(1) >= 1,
                "accuracy: logits [batch, K] with K >= 1 expected, got shape %s", logits.shape());
        checkArgument(labels.length() == logits.shape().dim(0),
                "accuracy: logits [batch, K] = %s need %s labels, got %s",
                logits.shape(), logits.shape().dim(0), labels.length());
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
}
