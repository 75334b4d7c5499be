package jgrad.nn.losses;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import java.util.OptionalInt;
import jgrad.core.Tensor;

/**
 * The options of {@link Losses#softmaxCrossEntropy softmaxCrossEntropy} and {@link
 * Losses#negativeLogLikelihood negativeLogLikelihood}, as the arguments of PyTorch's {@code
 * cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing)}.
 *
 * <pre>{@code
 * jshell> var options = CrossEntropyOptions.defaults().withClassWeights(Tensor.of(2, 4, 6))
 *    ...>         .withIgnoreIndex(-100).withLabelSmoothing(0.1);
 * }</pre>
 *
 * @param reduction      how the per-sample losses are combined; {@link Reduction#MEAN} is the
 *                       <em>weighted</em> mean {@code Σ ℓ_i / Σ w_{y_i}} over the samples that are
 *                       not ignored (PyTorch's convention), which is the plain mean without weights
 * @param classWeights   one weight per class, {@code [K]}, of the logits' dtype, used as constants
 *                       (not differentiated); empty for all ones
 * @param ignoreIndex    a label value whose samples contribute 0 to the loss and its gradient and
 *                       are left out of the mean's denominator (PyTorch's default is {@code -100});
 *                       empty for none. It may lie outside {@code 0..K-1}.
 * @param labelSmoothing {@code ε} in {@code [0, 1]}: the target distribution becomes {@code (1 - ε)
 *                       · oneHot(y) + ε / K} (Szegedy et al., "Rethinking the Inception
 *                       Architecture", 2016, section 7; PyTorch's {@code label_smoothing})
 */
public record CrossEntropyOptions(Reduction reduction, Optional<Tensor> classWeights,
        OptionalInt ignoreIndex, double labelSmoothing) {

    private static final CrossEntropyOptions DEFAULTS = new CrossEntropyOptions(
            Reduction.MEAN, Optional.empty(), OptionalInt.empty(), 0.0);

    /**
     * @throws IllegalArgumentException if the class weights are not 1-D or {@code labelSmoothing}
     *     is not in {@code [0, 1]}
     * @throws NullPointerException if an argument is null
     */
    public CrossEntropyOptions {
        checkNotNull(reduction, "crossEntropyOptions: reduction is null");
        checkNotNull(classWeights, "crossEntropyOptions: classWeights is null (use empty)");
        checkNotNull(ignoreIndex, "crossEntropyOptions: ignoreIndex is null (use empty)");
        classWeights.ifPresent(w -> checkArgument(w.rank() == 1,
                "crossEntropyOptions: class weights [K] expected, got shape %s", w.shape()));
        checkArgument(0 <= labelSmoothing && labelSmoothing <= 1,
                "crossEntropyOptions: labelSmoothing must be in [0, 1], got %s", labelSmoothing);
    }

    /** Mean reduction, no class weights, no ignored label, no smoothing. */
    public static CrossEntropyOptions defaults() {
        return DEFAULTS;
    }

    /** These options with {@code reduction}. */
    public CrossEntropyOptions withReduction(Reduction reduction) {
        return new CrossEntropyOptions(reduction, classWeights, ignoreIndex, labelSmoothing);
    }

    /**
     * These options with one weight per class, {@code [K]}.
     *
     * @throws IllegalArgumentException if {@code classWeights} is not 1-D
     */
    public CrossEntropyOptions withClassWeights(Tensor classWeights) {
        checkNotNull(classWeights, "crossEntropyOptions: classWeights is null");
        return new CrossEntropyOptions(reduction, Optional.of(classWeights), ignoreIndex,
                labelSmoothing);
    }

    /** These options with samples labelled {@code ignoreIndex} left out. */
    public CrossEntropyOptions withIgnoreIndex(int ignoreIndex) {
        return new CrossEntropyOptions(reduction, classWeights, OptionalInt.of(ignoreIndex),
                labelSmoothing);
    }

    /**
     * These options with label smoothing {@code ε}.
     *
     * @throws IllegalArgumentException if {@code labelSmoothing} is not in {@code [0, 1]}
     */
    public CrossEntropyOptions withLabelSmoothing(double labelSmoothing) {
        return new CrossEntropyOptions(reduction, classWeights, ignoreIndex, labelSmoothing);
    }
}
