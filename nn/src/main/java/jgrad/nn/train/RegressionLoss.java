package jgrad.nn.train;

import jgrad.core.Tensor;

/**
 * The scalar {@link Trainer#fitRegression} minimises, from the model's predictions for a batch and
 * the batch's real-valued targets: {@code Losses::meanSquaredError}, {@code Losses::l1}, or a
 * lambda such as {@code (predictions, targets) -> Losses.huber(predictions, targets, 1,
 * Reduction.MEAN)}.
 */
@FunctionalInterface
public interface RegressionLoss {

    /**
     * The loss, shape {@code []}. Shapes: {@code predictions [batch, out]}, {@code targets
     * [batch, out]}, of the parameters' dtype.
     *
     * @throws IllegalArgumentException if the predictions and targets do not fit together
     */
    Tensor apply(Tensor predictions, Tensor targets);
}
