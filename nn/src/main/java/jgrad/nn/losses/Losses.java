package jgrad.nn.losses;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;
import jgrad.core.Tensor;

/**
 * Loss functions: regression errors of {@code (predictions, targets)} and classification
 * cross-entropies of {@code (logits, labels)} or {@code (logits, targets)}.
 *
 * <p>Every loss is a composite of {@link Tensor} operations with no vjp of its own. Predictions
 * and targets must have exactly equal shapes: a {@code [n, 1]} prediction against {@code [n]}
 * targets would broadcast to {@code [n, n]} and silently compute the wrong loss, so it is refused.
 * Cross-entropy is always computed from logits through a max-shifted log-softmax, never from
 * probabilities, so large logits neither overflow nor lose precision.
 *
 * <pre>{@code
 * jshell> Losses.softmaxCrossEntropy(Tensor.of(new double[][] {{2, 0}, {0, 2}}),
 *    ...>         ImmutableIntArray.of(0, 1))
 * $1 ==> tensor(0.1269280110429726, dtype=float64)      // ln(1 + e^-2)
 * }</pre>
 */
public final class Losses {

    private Losses() {}

    /**
     * Mean squared error, {@code mean((predictions - targets)^2)} over all elements (PyTorch's
     * {@code mse_loss} with {@code reduction='mean'}). NaN for zero elements.
     *
     * <p>Shapes: {@code predictions} and {@code targets} equal, any rank -> {@code []}.
     *
     * @throws IllegalArgumentException if the shapes or dtypes differ, naming both
     */
    public static Tensor meanSquaredError(Tensor predictions, Tensor targets) {
        checkSameShape("meanSquaredError", "predictions", predictions, targets);
        return predictions.sub(targets).square().mean();
    }

    /**
     * Half the summed squared error, {@code ½ · Σ (predictions - targets)^2} over all elements
     * (not divided by the batch size): the loss of the classic backpropagation derivations, whose
     * gradient is simply {@code predictions - targets}.
     *
     * <p>Shapes: {@code predictions} and {@code targets} equal, any rank -> {@code []}.
     *
     * @throws IllegalArgumentException if the shapes or dtypes differ, naming both
     */
    public static Tensor halfSquaredError(Tensor predictions, Tensor targets) {
        checkSameShape("halfSquaredError", "predictions", predictions, targets);
        return predictions.sub(targets).square().sum().mul(0.5);
    }

    /**
     * Mean absolute error, {@code mean(|predictions - targets|)}: {@code l1(predictions, targets,
     * Reduction.MEAN)}.
     *
     * @throws IllegalArgumentException if the shapes or dtypes differ, naming both
     */
    public static Tensor l1(Tensor predictions, Tensor targets) {
        return l1(predictions, targets, Reduction.MEAN);
    }

    /**
     * Absolute error {@code |predictions - targets|}, reduced by {@code reduction} over all
     * elements (PyTorch's {@code l1_loss}). Its subgradient where a prediction equals its target
     * is 0 (abs'(0) = 0, as in PyTorch), the same as the elementwise {@code sub(...).abs()} path.
     *
     * <p>Shapes: {@code predictions} and {@code targets} equal, any rank -> {@code []} (MEAN, SUM)
     * or their shape (NONE).
     *
     * @throws IllegalArgumentException if the shapes or dtypes differ, naming both
     */
    public static Tensor l1(Tensor predictions, Tensor targets, Reduction reduction) {
        checkSameShape("l1", "predictions", predictions, targets);
        checkNotNull(reduction, "l1: reduction is null");
        return reduction.reduce(predictions.sub(targets).abs());
    }

    /**
     * Softmax cross-entropy of integer class labels, averaged over the batch: {@code
     * softmaxCrossEntropy(logits, labels, Reduction.MEAN)}.
     *
     * @throws IllegalArgumentException if a label is outside {@code 0..K-1} (naming it) or the
     *     shapes do not fit
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, ImmutableIntArray labels) {
        return softmaxCrossEntropy(logits, labels, Reduction.MEAN);
    }

    /**
     * Softmax cross-entropy of integer class labels: per sample {@code ℓ_i = logSumExp(z_i) -
     * z_{i, labels[i]} = -logSoftmax(z_i)[labels[i]]} in natural logarithms, reduced over the
     * batch by {@code reduction} (PyTorch's {@code cross_entropy} with class indices). Its
     * gradient is {@code (softmax(z) - oneHot(labels)) / batch} for MEAN.
     *
     * <p>Shapes: {@code logits [batch, K]}, {@code labels [batch]} with values in {@code 0..K-1}
     * -> {@code []} (MEAN, SUM) or {@code [batch]} (NONE). An empty batch ({@code [0, K]}) gives
     * NaN for MEAN and 0 for SUM. Logits of any finite size are exact (max-shifted
     * log-softmax); only the label's log-probability is selected, so {@code -Inf} logits of other
     * classes do not turn the loss into NaN.
     *
     * @throws IllegalArgumentException if {@code logits} is not 2-D with {@code K >= 1}, the
     *     label count differs from the batch size, or a label is outside {@code 0..K-1} (naming
     *     the label, its index and the range)
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, ImmutableIntArray labels,
            Reduction reduction) {
        checkLogits(logits);
        checkNotNull(labels, "softmaxCrossEntropy: labels is null");
        checkNotNull(reduction, "softmaxCrossEntropy: reduction is null");
        int batch = logits.shape().dim(0);
        int classes = logits.shape().dim(1);
        checkArgument(labels.length() == batch,
                "softmaxCrossEntropy: logits [batch, K] = %s need %s labels, got %s",
                logits.shape(), batch, labels.length());
        for (int i = 0; i < labels.length(); i++) {
            int label = labels.get(i);
            checkArgument(0 <= label && label < classes,
                    "softmaxCrossEntropy: label %s at index %s is outside the valid range 0..%s"
                            + " for logits of shape %s", label, i, classes - 1, logits.shape());
        }
        Tensor mask = Tensor.oneHot(labels, classes).cast(logits.dtype());
        Tensor picked = Tensor.where(mask, logits.logSoftmax(1), logits.zerosLike());
        return reduction.reduce(picked.sum(1, false).neg());
    }

    /**
     * Softmax cross-entropy of target distributions (one-hot rows or probabilities), averaged over
     * the batch: {@code softmaxCrossEntropy(logits, targets, Reduction.MEAN)}.
     *
     * @throws IllegalArgumentException if the shapes or dtypes differ, naming both
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, Tensor targets) {
        return softmaxCrossEntropy(logits, targets, Reduction.MEAN);
    }

    /**
     * Softmax cross-entropy of target distributions: per sample {@code ℓ_i = -Σ_k targets_ik ·
     * logSoftmax(z_i)_k} in natural logarithms, reduced over the batch by {@code reduction}
     * (PyTorch's {@code cross_entropy} with class probabilities, Optax's {@code
     * softmax_cross_entropy}). Targets are used as given: rows should be probabilities in [0, 1]
     * summing to 1, but this is not checked. Gradient with respect to the logits: {@code
     * softmax(z) · Σ_k targets_ik - targets} (divided by the batch for MEAN).
     *
     * <p>Shapes: {@code logits [batch, K]}, {@code targets [batch, K]} -> {@code []} (MEAN, SUM)
     * or {@code [batch]} (NONE). An empty batch gives NaN for MEAN and 0 for SUM.
     *
     * @throws IllegalArgumentException if {@code logits} is not 2-D with {@code K >= 1}, or the
     *     shapes or dtypes of logits and targets differ, naming both
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, Tensor targets, Reduction reduction) {
        checkLogits(logits);
        checkSameShape("softmaxCrossEntropy", "logits", logits, targets);
        checkNotNull(reduction, "softmaxCrossEntropy: reduction is null");
        return reduction.reduce(targets.mul(logits.logSoftmax(1)).sum(1, false).neg());
    }

    private static void checkLogits(Tensor logits) {
        checkNotNull(logits, "softmaxCrossEntropy: logits is null");
        checkArgument(logits.rank() == 2 && logits.shape().dim(1) >= 1,
                "softmaxCrossEntropy: logits [batch, K] with K >= 1 expected, got shape %s",
                logits.shape());
    }

    private static void checkSameShape(String loss, String name, Tensor predictions,
            Tensor targets) {
        checkNotNull(predictions, "%s: %s is null", loss, name);
        checkNotNull(targets, "%s: targets is null", loss);
        checkArgument(predictions.shape().equals(targets.shape()),
                "%s: %s and targets must have equal shapes, got %s and %s",
                loss, name, predictions.shape(), targets.shape());
        checkArgument(predictions.dtype() == targets.dtype(),
                "%s: %s are %s but targets are %s; cast explicitly",
                loss, name, predictions.dtype(), targets.dtype());
    }
}
