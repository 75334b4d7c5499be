package jgrad.nn.losses;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Loss functions, under PyTorch's names and formulas ({@code torch.nn.functional}, version 1.13):
 * regression errors of {@code (predictions, targets)}, binary and multi-class cross-entropies of
 * {@code (logits, labels)} or {@code (logits, targets)}, divergences and margin losses.
 *
 * <p>Every loss is a composite of {@link Tensor} operations with no vjp of its own; where a formula
 * has a kink, the subgradient is that of the operations it is built from ({@code relu'(0) = 0},
 * {@code abs'(0) = 0}). Predictions and targets must have exactly equal shapes: a {@code [n, 1]}
 * prediction against {@code [n]} targets would broadcast to {@code [n, n]} and silently compute the
 * wrong loss, so it is refused. Cross-entropy is computed from logits through a max-shifted
 * log-softmax (or softplus for the binary case), so large logits neither overflow nor lose
 * precision. Natural logarithms throughout. {@link Reduction#MEAN} over no terms is NaN, {@link
 * Reduction#SUM} is 0.
 *
 * <pre>{@code
 * jshell> Losses.softmaxCrossEntropy(Tensor.of(new double[][] {{2, 0}, {0, 2}}),
 *    ...>         ImmutableIntArray.of(0, 1))
 * $1 ==> tensor(0.1269280110429726, dtype=float64)      // ln(1 + e^-2)
 * }</pre>
 */
public final class Losses {

    /** PyTorch's floor for {@code log} in binary cross-entropy from probabilities. */
    private static final double LOG_FLOOR = -100.0;

    /** The {@code EPSILON} PyTorch adds to squared norms in the cosine embedding loss. */
    private static final double COSINE_EPSILON = 1e-12;

    private Losses() {}

    // ---------------------------------------------------------------- regression

    /**
     * Mean squared error, {@code mean((predictions - targets)^2)} over all elements (PyTorch's
     * {@code mse_loss} with {@code reduction='mean'}). NaN for zero elements.
     *
     * <p>Shapes: {@code predictions} and {@code targets} equal, any rank -> {@code []}.
     *
     * @throws IllegalArgumentException if the shapes or dtypes differ, naming both
     */
    public static Tensor meanSquaredError(Tensor predictions, Tensor targets) {
        return meanSquaredError(predictions, targets, Reduction.MEAN);
    }

    /**
     * Squared error {@code (predictions - targets)^2}, reduced by {@code reduction} over all
     * elements (PyTorch's {@code mse_loss}).
     *
     * <p>Shapes: {@code predictions} and {@code targets} equal, any rank -> {@code []} (MEAN, SUM)
     * or their shape (NONE).
     *
     * @throws IllegalArgumentException if the shapes or dtypes differ, naming both
     */
    public static Tensor meanSquaredError(Tensor predictions, Tensor targets,
            Reduction reduction) {
        checkSameShape("meanSquaredError", "predictions", predictions, targets);
        checkNotNull(reduction, "meanSquaredError: reduction is null");
        return reduction.reduce(predictions.sub(targets).square());
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
     * Huber loss (Huber, "Robust Estimation of a Location Parameter", 1964; PyTorch's {@code
     * huber_loss}): with {@code d = predictions - targets}, {@code ½ d²} where {@code |d| <= delta}
     * and {@code delta · (|d| - ½ delta)} elsewhere, reduced by {@code reduction}. Value and slope
     * are continuous at {@code |d| = delta}; the gradient is {@code d} inside and {@code delta ·
     * sign(d)} outside. It equals {@code delta · smoothL1(beta = delta)}.
     *
     * <p>Shapes: {@code predictions} and {@code targets} equal, any rank -> {@code []} (MEAN, SUM)
     * or their shape (NONE).
     *
     * @throws IllegalArgumentException if {@code delta} is not positive and finite, or the shapes
     *     or dtypes differ
     */
    public static Tensor huber(Tensor predictions, Tensor targets, double delta,
            Reduction reduction) {
        checkSameShape("huber", "predictions", predictions, targets);
        checkNotNull(reduction, "huber: reduction is null");
        checkArgument(delta > 0 && Double.isFinite(delta),
                "huber: delta must be positive and finite, got %s", delta);
        Tensor d = predictions.sub(targets);
        Tensor absolute = d.abs();
        Tensor linear = absolute.sub(0.5 * delta).mul(delta);
        // Selecting on |d| (not d) keeps negative differences beyond -delta on the linear piece.
        return reduction.reduce(Tensor.where(absolute.greater(delta), linear,
                d.square().mul(0.5)));
    }

    /**
     * Smooth L1 loss (Girshick, "Fast R-CNN", 2015, eq. 3; PyTorch's {@code smooth_l1_loss}): with
     * {@code d = predictions - targets}, {@code ½ d² / beta} where {@code |d| < beta} and {@code
     * |d| - ½ beta} elsewhere, reduced by {@code reduction}; {@code beta = 0} is the L1 loss, as in
     * PyTorch. The slope is {@code d / beta} inside and {@code sign(d)} outside, so it never
     * exceeds 1 (Huber's grows with delta).
     *
     * <p>Shapes: {@code predictions} and {@code targets} equal, any rank -> {@code []} (MEAN, SUM)
     * or their shape (NONE).
     *
     * @throws IllegalArgumentException if {@code beta} is negative or not finite, or the shapes or
     *     dtypes differ
     */
    public static Tensor smoothL1(Tensor predictions, Tensor targets, double beta,
            Reduction reduction) {
        checkSameShape("smoothL1", "predictions", predictions, targets);
        checkNotNull(reduction, "smoothL1: reduction is null");
        checkArgument(beta >= 0 && Double.isFinite(beta),
                "smoothL1: beta must be >= 0 and finite, got %s", beta);
        if (beta == 0) {
            return l1(predictions, targets, reduction);
        }
        Tensor d = predictions.sub(targets);
        Tensor absolute = d.abs();
        return reduction.reduce(Tensor.where(absolute.less(beta),
                d.square().mul(0.5 / beta), absolute.sub(0.5 * beta)));
    }

    // ---------------------------------------------------------------- binary classification

    /**
     * Binary cross-entropy of probabilities (PyTorch's {@code binary_cross_entropy}): {@code ℓ =
     * -(y · max(ln p, -100) + (1 - y) · max(ln(1 - p), -100))}, reduced by {@code reduction}. The
     * logarithms are floored at -100 as PyTorch does, so {@code p = 0} or {@code 1} gives a finite
     * loss (at most 100 per element) instead of Inf or NaN; where a floor applies, that term
     * contributes no gradient. Prefer {@link #binaryCrossEntropyWithLogits}, which is exact for
     * any logit: a sigmoid that rounds to 0 or 1 loses the information this loss needs.
     *
     * <p>Numerics: the logarithms are taken of {@code where(p <= 0, 1, p)} and {@code where(1 - p
     * <= 0, 1, 1 - p)}, so probabilities of exactly 0 or 1 never make {@code ln 0 = -Inf} or
     * {@code 0 · -Inf = NaN} in any branch: the loss and its gradient are quiet under {@link
     * jgrad.core.Autodiff#detectAnomaly}.
     *
     * <p>Versus PyTorch 1.13: the values are PyTorch's, floors included ({@code p = 1, y = 0} and
     * {@code p = 0, y = 1} give 100, {@code p = y} in {@code {0, 1}} gives 0). The gradients agree
     * wherever {@code p (1 - p) > 1e-12}; elsewhere PyTorch's hand-written backward {@code (p - y)
     * / max(p (1 - p), 1e-12)} differs from the derivative of the floored formula used here:
     * measured ({@code torch_reference.py}, case {@code bceEndpoints}) at {@code (p, y) = (1, 0)}
     * PyTorch gives {@code 1.000000004e12} (its epsilon is a float32 {@code 1e-12}) and jgrad 0
     * (the floored term is constant), at {@code (0, 1)} {@code -1.000000004e12} and 0, at {@code
     * (0, 0)} PyTorch 0 and jgrad 1 ({@code d/dp -ln(1 - p)}), at {@code (1, 1)} PyTorch 0 and
     * jgrad -1, and at {@code (1e-50, 0)} PyTorch {@code 1e-38} and jgrad 1.
     *
     * <p>Shapes: {@code probabilities} and {@code targets} equal, any rank -> {@code []} (MEAN,
     * SUM) or their shape (NONE). Probabilities in {@code [0, 1]}; targets are usually 0 or 1 but
     * any value in {@code [0, 1]} works. NaN propagates.
     *
     * @throws IllegalArgumentException if a probability is outside {@code [0, 1]} (naming it and
     *     its index), or the shapes or dtypes differ
     */
    public static Tensor binaryCrossEntropy(Tensor probabilities, Tensor targets,
            Reduction reduction) {
        checkSameShape("binaryCrossEntropy", "probabilities", probabilities, targets);
        checkNotNull(reduction, "binaryCrossEntropy: reduction is null");
        double[] values = probabilities.toArray();
        for (int i = 0; i < values.length; i++) {
            checkArgument(!(values[i] < 0 || values[i] > 1),
                    "binaryCrossEntropy: probability %s at flat index %s is outside [0, 1];"
                            + " for raw scores use binaryCrossEntropyWithLogits", values[i],
                    (Object) i);
        }
        Tensor logP = flooredLog(probabilities);
        Tensor logOneMinusP = flooredLog(probabilities.neg().add(1.0));
        Tensor positive = targets.mul(logP);
        Tensor negative = targets.neg().add(1.0).mul(logOneMinusP);
        return reduction.reduce(positive.add(negative).neg());
    }

    /**
     * Binary cross-entropy of logits (PyTorch's {@code binary_cross_entropy_with_logits} without
     * weights): {@code ℓ = -(y · ln σ(x) + (1 - y) · ln(1 - σ(x))) = softplus(x) - y · x}, reduced
     * by {@code reduction}. Computed through {@link Tensor#softplus()}, so any finite logit gives
     * an exact, finite loss; the gradient is {@code σ(x) - y}.
     *
     * <p>Shapes: {@code logits} and {@code targets} equal, any rank -> {@code []} (MEAN, SUM) or
     * their shape (NONE). Targets in {@code [0, 1]}.
     *
     * @throws IllegalArgumentException if the shapes or dtypes differ, naming both
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets,
            Reduction reduction) {
        checkSameShape("binaryCrossEntropyWithLogits", "logits", logits, targets);
        checkNotNull(reduction, "binaryCrossEntropyWithLogits: reduction is null");
        return reduction.reduce(logits.softplus().sub(targets.mul(logits)));
    }

    /**
     * Binary cross-entropy of logits with a weight on the positive term (PyTorch's {@code
     * pos_weight}): {@code ℓ = -(w_p · y · ln σ(x) + (1 - y) · ln(1 - σ(x))) = (1 - y) · x + (1 +
     * (w_p - 1) · y) · softplus(-x)}, reduced by {@code reduction}. {@code w_p > 1} raises recall
     * on an under-represented positive class ({@code w_p = negatives / positives} balances it).
     *
     * <p>Shapes: {@code logits} and {@code targets} equal, any rank; {@code positiveWeight}
     * broadcast against them (one per output column: {@code [C]} for logits {@code [N, C]}) ->
     * {@code []} (MEAN, SUM) or the logits' shape (NONE).
     *
     * @throws IllegalArgumentException if the shapes or dtypes differ or {@code positiveWeight}
     *     does not broadcast to the logits' shape
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets,
            Tensor positiveWeight, Reduction reduction) {
        checkSameShape("binaryCrossEntropyWithLogits", "logits", logits, targets);
        checkNotNull(positiveWeight, "binaryCrossEntropyWithLogits: positiveWeight is null");
        checkNotNull(reduction, "binaryCrossEntropyWithLogits: reduction is null");
        checkArgument(positiveWeight.shape().broadcastsTo(logits.shape()),
                "binaryCrossEntropyWithLogits: positiveWeight of shape %s does not broadcast to"
                        + " the logits' shape %s", positiveWeight.shape(), logits.shape());
        checkArgument(positiveWeight.dtype() == logits.dtype(), "binaryCrossEntropyWithLogits:"
                + " positiveWeight is %s but the logits are %s; cast explicitly",
                positiveWeight.dtype(), logits.dtype());
        Tensor logWeight = positiveWeight.sub(1.0).mul(targets).add(1.0);
        Tensor negativeTerm = targets.neg().add(1.0).mul(logits);
        return reduction.reduce(negativeTerm.add(logWeight.mul(logits.neg().softplus())));
    }

    // ---------------------------------------------------------------- multi-class

    /**
     * Softmax cross-entropy of integer class labels, averaged over the batch: {@code
     * softmaxCrossEntropy(logits, labels, Reduction.MEAN)}.
     *
     * @throws IllegalArgumentException if a label is outside {@code 0..K-1} (naming it) or the
     *     shapes do not fit
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, ImmutableIntArray labels) {
        return softmaxCrossEntropy(logits, labels, CrossEntropyOptions.defaults());
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
        checkNotNull(reduction, "softmaxCrossEntropy: reduction is null");
        return softmaxCrossEntropy(logits, labels,
                CrossEntropyOptions.defaults().withReduction(reduction));
    }

    /**
     * Softmax cross-entropy of integer class labels with class weights, an ignored label and label
     * smoothing (PyTorch's {@code cross_entropy(input, target, weight, ignore_index=…,
     * label_smoothing=…)}). With {@code p = softmax(z_i)}, smoothed targets {@code q_ik = (1 - ε)
     * · [k = y_i] + ε / K} and class weights {@code w}, each sample's loss is {@code ℓ_i = -Σ_k
     * w_k · q_ik · ln p_ik} (0 for an ignored sample); MEAN divides {@code Σ_i ℓ_i} by {@code
     * Σ_i w_{y_i}} over the samples not ignored, as PyTorch does ("the mean is the weighted
     * mean", not {@code mean(ℓ)}), so it is NaN when every sample is ignored, with a zero
     * gradient. Terms with {@code w_k · q_ik = 0} are left out, so {@code -Inf} logits of other
     * classes do not give NaN when {@code ε = 0}.
     *
     * <p>Shapes: {@code logits [batch, K]}, {@code labels [batch]} -> {@code []} (MEAN, SUM) or
     * {@code [batch]} (NONE). Class weights {@code [K]} of the logits' dtype.
     *
     * @throws IllegalArgumentException if {@code logits} is not 2-D with {@code K >= 1}, the label
     *     count differs from the batch size, a label other than the ignore index is outside {@code
     *     0..K-1} (naming it, its index and the range), or the class weights are not {@code [K]} of
     *     the logits' dtype
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, ImmutableIntArray labels,
            CrossEntropyOptions options) {
        checkLogits("softmaxCrossEntropy", "logits", logits);
        checkNotNull(options, "softmaxCrossEntropy: options is null");
        return labelLoss("softmaxCrossEntropy", "logits", logits.logSoftmax(1), logits.shape(),
                labels, options);
    }

    /**
     * Softmax cross-entropy of target distributions (one-hot rows or probabilities) or of integer
     * class labels, averaged over the batch: {@code softmaxCrossEntropy(logits, targets,
     * Reduction.MEAN)}.
     *
     * @throws IllegalArgumentException if the shapes or dtypes do not fit, or a label is out of
     *     range
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
     * <p>As in PyTorch, the targets' dtype chooses the form: integer targets {@code [batch]}
     * (int32 or int64) are class labels, the loss of {@link #softmaxCrossEntropy(Tensor,
     * ImmutableIntArray, Reduction)}; float targets {@code [batch]} are refused, naming the cast
     * ({@link Labels}).
     *
     * @throws IllegalArgumentException if {@code logits} is not 2-D with {@code K >= 1}, the
     *     shapes or dtypes of logits and targets differ (naming both), or integer labels are out of
     *     range (naming the label, its index and the range)
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, Tensor targets, Reduction reduction) {
        checkNotNull(reduction, "softmaxCrossEntropy: reduction is null");
        return softmaxCrossEntropy(logits, targets,
                CrossEntropyOptions.defaults().withReduction(reduction));
    }

    /**
     * Softmax cross-entropy of target distributions with class weights and label smoothing
     * (PyTorch's {@code cross_entropy} with class probabilities): targets become {@code q = (1 -
     * ε) · targets + ε / K}, each sample's loss is {@code ℓ_i = -Σ_k w_k · q_ik · ln
     * softmax(z_i)_k}, and MEAN divides by the batch size (for probability targets PyTorch does
     * not divide by the weights). Targets may be differentiated (distillation).
     *
     * <p>Shapes: {@code logits [batch, K]}, {@code targets [batch, K]} -> {@code []} (MEAN, SUM) or
     * {@code [batch]} (NONE).
     *
     * <p>Integer targets {@code [batch]} (int32 or int64, PyTorch's int64 class indices) are
     * class labels: {@link #softmaxCrossEntropy(Tensor, ImmutableIntArray, CrossEntropyOptions)},
     * ignore index included; float targets {@code [batch]} are refused, naming the cast ({@link
     * Labels}), as PyTorch refuses them.
     *
     * @throws IllegalArgumentException if the options set an ignore index with float targets
     *     (which needs integer labels), the shapes or dtypes differ, the class weights are not
     *     {@code [K]} of the logits' dtype, or integer labels are out of range
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, Tensor targets,
            CrossEntropyOptions options) {
        checkLogits("softmaxCrossEntropy", "logits", logits);
        if (isLabelTensor(logits, checkNotNull(targets, "softmaxCrossEntropy: targets is null"))) {
            return softmaxCrossEntropy(logits, Labels.toIndices("softmaxCrossEntropy", targets),
                    options);
        }
        checkSameShape("softmaxCrossEntropy", "logits", logits, targets);
        checkNotNull(options, "softmaxCrossEntropy: options is null");
        checkArgument(options.ignoreIndex().isEmpty(), "softmaxCrossEntropy: an ignore index"
                + " needs integer labels; with target distributions give the row zeros instead");
        int classes = logits.shape().dim(1);
        Tensor q = targets;
        double smoothing = options.labelSmoothing();
        if (smoothing > 0) {
            q = q.mul(1 - smoothing).add(smoothing / classes);
        }
        if (options.classWeights().isPresent()) {
            q = q.mul(checkClassWeights("softmaxCrossEntropy", logits, options));
        }
        return options.reduction().reduce(q.mul(logits.logSoftmax(1)).sum(1, false).neg());
    }

    /**
     * Negative log-likelihood of integer labels, averaged over the batch: {@code
     * negativeLogLikelihood(logProbabilities, labels, CrossEntropyOptions.defaults())}.
     *
     * @throws IllegalArgumentException if a label is outside {@code 0..K-1} (naming it) or the
     *     shapes do not fit
     */
    public static Tensor negativeLogLikelihood(Tensor logProbabilities, ImmutableIntArray labels) {
        return negativeLogLikelihood(logProbabilities, labels, CrossEntropyOptions.defaults());
    }

    /**
     * Negative log-likelihood of integer labels (PyTorch's {@code nll_loss}): {@code ℓ_i =
     * -w_{y_i} · logProbabilities[i, y_i]}, 0 for an ignored sample; MEAN divides by {@code Σ_i
     * w_{y_i}} over the samples not ignored. Applied to {@code logSoftmax(z, 1)} it is {@link
     * #softmaxCrossEntropy(Tensor, ImmutableIntArray, CrossEntropyOptions)} without smoothing. The
     * inputs are used as given (not normalised).
     *
     * <p>Shapes: {@code logProbabilities [batch, K]}, {@code labels [batch]} -> {@code []} (MEAN,
     * SUM) or {@code [batch]} (NONE).
     *
     * @throws IllegalArgumentException if the options ask for label smoothing (which needs the
     *     whole distribution: use softmaxCrossEntropy), the shapes do not fit, a label is out of
     *     range (naming it, its index and the range) or the class weights are not {@code [K]}
     */
    public static Tensor negativeLogLikelihood(Tensor logProbabilities, ImmutableIntArray labels,
            CrossEntropyOptions options) {
        checkLogits("negativeLogLikelihood", "logProbabilities", logProbabilities);
        checkNotNull(options, "negativeLogLikelihood: options is null");
        checkArgument(options.labelSmoothing() == 0, "negativeLogLikelihood: label smoothing is"
                + " a softmaxCrossEntropy option; got labelSmoothing %s", options.labelSmoothing());
        return labelLoss("negativeLogLikelihood", "logProbabilities", logProbabilities,
                logProbabilities.shape(), labels, options);
    }

    /**
     * Negative log-likelihood of integer labels held in a tensor (PyTorch's {@code nll_loss} with
     * an int64 target), averaged over the batch.
     *
     * <p>Shapes: {@code logProbabilities [batch, K]}, {@code labels [batch]} int32 or int64 ->
     * {@code []}.
     *
     * @throws IllegalArgumentException if the labels are not an integer tensor {@code [batch]}
     *     (float labels name the cast), or a label is out of range (naming it, its index and the
     *     range)
     */
    public static Tensor negativeLogLikelihood(Tensor logProbabilities, Tensor labels) {
        return negativeLogLikelihood(logProbabilities, labels, CrossEntropyOptions.defaults());
    }

    /**
     * {@link #negativeLogLikelihood(Tensor, ImmutableIntArray, CrossEntropyOptions)} with the
     * labels held in an integer tensor.
     *
     * <p>Shapes: {@code logProbabilities [batch, K]}, {@code labels [batch]} int32 or int64 ->
     * {@code []} (MEAN, SUM) or {@code [batch]} (NONE).
     *
     * @throws IllegalArgumentException if the labels are not an integer tensor {@code [batch]}
     *     (float labels name the cast), a label is out of range, or as the array form
     */
    public static Tensor negativeLogLikelihood(Tensor logProbabilities, Tensor labels,
            CrossEntropyOptions options) {
        return negativeLogLikelihood(logProbabilities,
                Labels.toIndices("negativeLogLikelihood", labels), options);
    }

    /**
     * Kullback-Leibler divergence {@code KL(p || q)} of target {@code p} from the model's {@code
     * q}, given {@code ln q} (PyTorch's {@code kl_div(input, target, log_target)}): pointwise
     * {@code p · (ln p - ln q)}, with {@code 0 · (anything) = 0} where {@code p = 0} (the
     * convention {@code 0 ln 0 = 0}, which also holds when {@code ln q = -Inf}, a masked class:
     * there PyTorch 1.13 gives NaN, optax PR #1786), reduced by {@code reduction}. With {@code
     * logTarget} the targets are {@code ln p} and the pointwise term is {@code e^{ln p} · (ln p -
     * ln q)}, 0 where {@code ln p = -Inf}. Where {@code p > 0} meets {@code q = 0} the divergence
     * is {@code +Inf}. The gradient with respect to {@code ln q} is {@code -p}; with respect to a
     * target that is 0 it is taken as 0. Computed with xlogy semantics ({@code
     * scipy.special.xlogy}, {@code torch.xlogy}): where the target is absent, {@code ln p} and
     * {@code ln q} are replaced by 0 before any arithmetic, so valid inputs (targets with zeros,
     * a masked {@code ln q = -Inf} where {@code p = 0}) make no NaN or infinity anywhere and are
     * quiet under {@link jgrad.core.Autodiff#detectAnomaly}.
     *
     * <p>MEAN is PyTorch's elementwise mean (over batch × classes), which is not the mean
     * divergence per sample: for that (PyTorch's {@code 'batchmean'}) use SUM divided by the batch
     * size, or NONE then {@code .sum(1, false).mean()}.
     *
     * <p>Shapes: {@code logProbabilities} and {@code targets} equal, any rank -> {@code []} (MEAN,
     * SUM) or their shape (NONE).
     *
     * @throws IllegalArgumentException if the shapes or dtypes differ, naming both
     */
    public static Tensor klDivergence(Tensor logProbabilities, Tensor targets, Reduction reduction,
            boolean logTarget) {
        checkSameShape("klDivergence", "logProbabilities", logProbabilities, targets);
        checkNotNull(reduction, "klDivergence: reduction is null");
        // xlogy semantics without ever computing ln 0 = -Inf or 0 · -Inf: where the target is
        // absent (p = 0, or ln p = -Inf), ln p and ln q are replaced by 0 before any arithmetic,
        // so valid inputs make no NaN or infinity in any branch (anomaly detection stays quiet)
        // and the selected-away term passes no gradient to either input.
        Tensor zeros = logProbabilities.zerosLike();
        Tensor absent = logTarget ? targets.equal(Double.NEGATIVE_INFINITY) : targets.equal(0.0);
        Tensor present = absent.logicalNot();
        Tensor logQ = Tensor.where(present, logProbabilities, zeros);
        Tensor pointwise;
        if (logTarget) {
            Tensor logP = Tensor.where(present, targets, zeros);
            pointwise = logP.exp().mul(logP.sub(logQ));
        } else {
            Tensor logP = Tensor.where(present, targets, targets.onesLike()).log();
            pointwise = targets.mul(logP.sub(logQ));
        }
        return reduction.reduce(Tensor.where(absent, zeros, pointwise));
    }

    // ---------------------------------------------------------------- margins

    /**
     * Multi-class hinge loss (Weston &amp; Watkins, "Support Vector Machines for Multi-Class
     * Pattern Recognition", 1999; PyTorch's {@code multi_margin_loss} without weights): {@code ℓ_i
     * = Σ_{j ≠ y_i} max(0, margin - x_{i,y_i} + x_ij)^p / K}, reduced over the batch by {@code
     * reduction}. The subgradient where {@code margin - x_{i,y_i} + x_ij = 0} is 0 (relu'(0) = 0,
     * as in PyTorch).
     *
     * <p>Shapes: {@code logits [batch, K]}, {@code labels [batch]} int32 or int64 -> {@code []}
     * (MEAN, SUM) or {@code [batch]} (NONE).
     *
     * @param p the power, 1 or 2
     * @throws IllegalArgumentException if {@code p} is not 1 or 2, {@code margin} is not finite,
     *     the shapes do not fit, the labels are not an integer tensor (float labels name the
     *     cast), or a label is out of range (naming it, its index and the range)
     */
    public static Tensor multiMargin(Tensor logits, Tensor labels, int p, double margin,
            Reduction reduction) {
        return multiMargin(logits, Labels.toIndices("multiMargin", labels), p, margin, reduction);
    }

    /**
     * {@link #multiMargin(Tensor, Tensor, int, double, Reduction)} with the labels as an array.
     *
     * @throws IllegalArgumentException as the tensor form
     */
    public static Tensor multiMargin(Tensor logits, ImmutableIntArray labels, int p, double margin,
            Reduction reduction) {
        checkLogits("multiMargin", "logits", logits);
        checkNotNull(reduction, "multiMargin: reduction is null");
        checkArgument(p == 1 || p == 2, "multiMargin: p must be 1 or 2, got %s", p);
        checkArgument(Double.isFinite(margin), "multiMargin: margin must be finite, got %s",
                margin);
        checkLabels("multiMargin", "logits", logits.shape(), labels, null);
        int classes = logits.shape().dim(1);
        Tensor isLabel = Tensor.oneHot(labels, classes).cast(logits.dtype());
        Tensor zeros = logits.zerosLike();
        Tensor labelLogit = Tensor.where(isLabel, logits, zeros).sum(1, true);
        Tensor violation = logits.sub(labelLogit).add(margin).relu();
        Tensor powered = p == 2 ? violation.square() : violation;
        Tensor others = Tensor.where(isLabel, zeros, powered);
        return reduction.reduce(others.sum(1, false).div(classes));
    }

    /**
     * Hinge embedding loss (PyTorch's {@code hinge_embedding_loss}): for targets {@code y ∈ {1,
     * -1}}, {@code ℓ = x} where {@code y = 1} and {@code max(0, margin - x)} where {@code y = -1},
     * reduced by {@code reduction}; {@code x} is usually a distance, small for similar pairs
     * ({@code y = 1}). Subgradient 0 at {@code x = margin}.
     *
     * <p>Shapes: {@code inputs} and {@code targets} equal, any rank -> {@code []} (MEAN, SUM) or
     * their shape (NONE).
     *
     * @throws IllegalArgumentException if a target is not 1 or -1 (naming it and its index; PyTorch
     *     silently treats other values as neither), {@code margin} is not finite, or the shapes or
     *     dtypes differ
     */
    public static Tensor hingeEmbedding(Tensor inputs, Tensor targets, double margin,
            Reduction reduction) {
        checkSameShape("hingeEmbedding", "inputs", inputs, targets);
        checkNotNull(reduction, "hingeEmbedding: reduction is null");
        checkArgument(Double.isFinite(margin), "hingeEmbedding: margin must be finite, got %s",
                margin);
        checkPlusMinusOne("hingeEmbedding", targets);
        return reduction.reduce(Tensor.where(targets.equal(1.0), inputs,
                inputs.neg().add(margin).relu()));
    }

    /**
     * Cosine embedding loss (PyTorch's {@code cosine_embedding_loss}): with {@code cos_i = x1_i ·
     * x2_i / sqrt((|x1_i|² + 1e-12) · (|x2_i|² + 1e-12))} (PyTorch's epsilon, so a zero vector
     * gives {@code cos = 0}, not NaN), {@code ℓ_i = 1 - cos_i} where {@code y_i = 1} and {@code
     * max(0, cos_i - margin)} where {@code y_i = -1}, reduced over the batch by {@code reduction}.
     *
     * <p>Shapes: {@code x1 [batch, D]}, {@code x2 [batch, D]}, {@code targets [batch]} -> {@code
     * []} (MEAN, SUM) or {@code [batch]} (NONE).
     *
     * @param margin usually in {@code [-1, 1]}; PyTorch suggests 0 to 0.5
     * @throws IllegalArgumentException if a target is not 1 or -1 (naming it and its index), the
     *     shapes or dtypes do not fit, or {@code margin} is not finite
     */
    public static Tensor cosineEmbedding(Tensor x1, Tensor x2, Tensor targets, double margin,
            Reduction reduction) {
        checkSameShape("cosineEmbedding", "x1", x1, x2);
        checkNotNull(targets, "cosineEmbedding: targets is null");
        checkNotNull(reduction, "cosineEmbedding: reduction is null");
        checkArgument(x1.rank() == 2, "cosineEmbedding: x1 [batch, D] expected, got shape %s",
                x1.shape());
        checkArgument(targets.shape().equals(Shape.of(x1.shape().dim(0))),
                "cosineEmbedding: targets [batch] = [%s] expected for x1 %s, got shape %s",
                x1.shape().dim(0), x1.shape(), targets.shape());
        checkArgument(targets.dtype() == x1.dtype(),
                "cosineEmbedding: x1 is %s but targets are %s; cast explicitly", x1.dtype(),
                targets.dtype());
        checkArgument(Double.isFinite(margin), "cosineEmbedding: margin must be finite, got %s",
                margin);
        checkPlusMinusOne("cosineEmbedding", targets);
        Tensor dot = x1.mul(x2).sum(1, false);
        Tensor squaredNorms = x1.square().sum(1, false).add(COSINE_EPSILON)
                .mul(x2.square().sum(1, false).add(COSINE_EPSILON));
        Tensor cos = dot.div(squaredNorms.sqrt());
        return reduction.reduce(Tensor.where(targets.equal(1.0), cos.neg().add(1.0),
                cos.sub(margin).relu()));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The loss of integer labels from log-probabilities: {@code -Σ_k w_k q_ik logP_ik} per sample,
     * with the weighted targets {@code w_k q_ik} a constant built here, ignored rows zero, and
     * terms whose weighted target is 0 selected away (so {@code 0 · -Inf} never appears).
     */
    private static Tensor labelLoss(String loss, String inputName, Tensor logP, Shape shape,
            ImmutableIntArray labels, CrossEntropyOptions options) {
        Integer ignore = options.ignoreIndex().isPresent()
                ? options.ignoreIndex().getAsInt() : null;
        checkLabels(loss, inputName, shape, labels, ignore);
        int batch = shape.dim(0);
        int classes = shape.dim(1);
        double[] weights = new double[classes];
        Arrays.fill(weights, 1.0);
        if (options.classWeights().isPresent()) {
            weights = checkClassWeights(loss, logP, options).toArray();
        }
        double smoothing = options.labelSmoothing();
        double[] weightedTargets = new double[batch * classes];
        double[] selected = new double[batch * classes];
        double weightSum = 0;
        for (int i = 0; i < batch; i++) {
            int label = labels.get(i);
            if (ignore != null && label == ignore) {
                continue;
            }
            weightSum += weights[label];
            for (int k = 0; k < classes; k++) {
                double q = (k == label ? 1 - smoothing : 0) + smoothing / classes;
                double weighted = weights[k] * q;
                weightedTargets[i * classes + k] = weighted;
                selected[i * classes + k] = weighted != 0 ? 1 : 0;
            }
        }
        Tensor target = Tensor.of(weightedTargets, shape, logP.dtype());
        Tensor mask = Tensor.of(selected, shape, logP.dtype());
        Tensor perSample = Tensor.where(mask, target.mul(logP), logP.zerosLike())
                .sum(1, false).neg();
        switch (options.reduction()) {
            case MEAN:
                // The weighted mean; 0 / 0 = NaN when every sample is ignored (or the batch is
                // empty), and the gradient is then zero: every term was selected away.
                return perSample.sum().div(weightSum);
            case SUM:
                return perSample.sum();
            default:
                return perSample;
        }
    }

    /** Checks the label count and range; a label equal to {@code ignore} is allowed anywhere. */
    private static void checkLabels(String loss, String inputName, Shape shape,
            ImmutableIntArray labels, Integer ignore) {
        checkNotNull(labels, "%s: labels is null", loss);
        int batch = shape.dim(0);
        int classes = shape.dim(1);
        checkArgument(labels.length() == batch, "%s: %s [batch, K] = %s need %s labels, got %s",
                loss, inputName, shape, batch, labels.length());
        for (int i = 0; i < labels.length(); i++) {
            int label = labels.get(i);
            if (ignore != null && label == ignore) {
                continue;
            }
            checkArgument(0 <= label && label < classes,
                    "%s: label %s at index %s is outside the valid range 0..%s for %s of shape"
                            + " %s%s", loss, label, i, classes - 1, inputName, shape,
                    ignore == null ? "" : " (ignore index " + ignore + ")");
        }
    }

    private static Tensor checkClassWeights(String loss, Tensor input,
            CrossEntropyOptions options) {
        Tensor weights = options.classWeights().orElseThrow();
        int classes = input.shape().dim(1);
        checkArgument(weights.shape().equals(Shape.of(classes)),
                "%s: class weights [K] = [%s] expected, got shape %s", loss, classes,
                weights.shape());
        checkArgument(weights.dtype() == input.dtype(),
                "%s: class weights are %s but the input is %s; cast explicitly", loss,
                weights.dtype(), input.dtype());
        return weights;
    }

    private static void checkPlusMinusOne(String loss, Tensor targets) {
        double[] values = targets.toArray();
        for (int i = 0; i < values.length; i++) {
            checkArgument(values[i] == 1 || values[i] == -1,
                    "%s: targets must be 1 or -1, got %s at flat index %s", loss, values[i],
                    (Object) i);
        }
    }

    /**
     * {@code max(ln x, -100)} for {@code x} in {@code [0, 1]}: the floored branch is a constant,
     * so it passes no gradient; NaN propagates. The logarithm is taken of {@code where(x <= 0, 1,
     * x)}, so {@code x
     * = 0} never makes {@code ln 0 = -Inf} (which anomaly detection would report, and whose vjp
     * {@code 0 / 0} a strong zero would have to discard).
     */
    private static Tensor flooredLog(Tensor x) {
        // Masks written so that NaN (which compares false) reaches the log and propagates.
        Tensor zero = x.lessEqual(0.0);
        Tensor log = Tensor.where(zero, x.onesLike(), x).log();
        return Tensor.where(zero.logicalOr(log.less(LOG_FLOOR)),
                Tensor.full(LOG_FLOOR, x.shape(), x.dtype()), log);
    }

    /**
     * Whether {@code targets} are class labels rather than distributions: integer targets, or
     * targets of rank one less than the logits (float ones are then refused by {@link Labels}).
     */
    private static boolean isLabelTensor(Tensor logits, Tensor targets) {
        return targets.dtype().isInteger() || targets.rank() == logits.rank() - 1;
    }

    private static void checkLogits(String loss, String name, Tensor logits) {
        checkNotNull(logits, "%s: %s is null", loss, name);
        checkArgument(logits.rank() == 2 && logits.shape().dim(1) >= 1,
                "%s: %s [batch, K] with K >= 1 expected, got shape %s", loss, name,
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
