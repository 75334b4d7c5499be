package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;

/**
 * What one epoch of {@link Trainer#fit} measured.
 *
 * @param epoch              the epoch, counted from 1
 * @param trainLoss          the mean of the epoch's mini-batch losses, each computed before its
 *                           update (so the parameters change during the epoch)
 * @param validationLoss     the loss on the whole validation set after the epoch
 * @param validationAccuracy the fraction of validation samples classified correctly after the
 *                           epoch, in [0, 1]; NaN for a regression run ({@link
 *                           Trainer#fitRegression}, no classes) or a model whose outputs are NaN
 */
public record EpochRecord(int epoch, double trainLoss, double validationLoss,
        double validationAccuracy) {

    /** @throws IllegalArgumentException if {@code epoch < 1} */
    public EpochRecord {
        checkArgument(epoch >= 1, "epochRecord: epoch counts from 1, got %s", epoch);
    }

    /**
     * One line: {@code epoch   3  train loss 0.41230  validation loss 0.40010  validation accuracy
     * 0.9333}; without the accuracy when it is NaN (a regression run: losses only).
     */
    @Override
    public String toString() {
        String line = String.format(Locale.ROOT, "epoch %3d  train loss %s  validation loss %s",
                epoch, loss(trainLoss), loss(validationLoss));
        return Double.isNaN(validationAccuracy) ? line : line + String.format(Locale.ROOT,
                "  validation accuracy %.4f", validationAccuracy);
    }

    /**
     * A loss in text: five decimals ({@code 0.46510}), or scientific notation with five decimals
     * ({@code 2.23457e+59}) from 1e5 on, where a diverging loss would print dozens of digits.
     */
    static String loss(double value) {
        return String.format(Locale.ROOT, Math.abs(value) < 1e5 ? "%.5f" : "%.5e", value);
    }
}
