package jgrad.nn.train;

import com.google.common.primitives.ImmutableIntArray;
import jgrad.core.Tensor;

/**
 * The scalar a {@link Trainer} minimises, from the model's outputs for a batch and the batch's
 * integer class labels. {@code Losses::softmaxCrossEntropy} is one; a regression-style loss can
 * encode the labels itself:
 *
 * <pre>{@code
 * jshell> Loss squared = (outputs, labels) -> Losses.meanSquaredError(
 *    ...>         outputs, Tensor.oneHot(labels, outputs.shape().dim(1)));
 * }</pre>
 */
@FunctionalInterface
public interface Loss {

    /**
     * The loss, shape {@code []}. Shapes: {@code outputs [batch, ...]}, {@code labels [batch]}.
     *
     * @throws IllegalArgumentException if the outputs and labels do not fit together
     */
    Tensor apply(Tensor outputs, ImmutableIntArray labels);
}
