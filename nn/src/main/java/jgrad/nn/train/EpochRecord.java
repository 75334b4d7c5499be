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
 *                           epoch, in [0, 1]
 */
public record EpochRecord(int epoch, double trainLoss, double validationLoss,
        double validationAccuracy) {

    /** @throws IllegalArgumentException if {@code epoch < 1} */
    public EpochRecord {
        checkArgument(epoch >= 1, "epochRecord: epoch counts from 1, got %s", epoch);
    }

    /**
     * One line: {@code epoch   3  train loss 0.41230  validation loss 0.40010  validation accuracy
     * 0.9333}.
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "epoch %3d  train loss %s  validation loss %s"
                + "  validation accuracy %.4f", epoch, loss(trainLoss), loss(validationLoss),
                validationAccuracy);
    }

    /** Five decimals, or scientific notation once a diverging loss would print 100 digits. */
    private static String loss(double value) {
        return String.format(Locale.ROOT, Math.abs(value) < 1e5 ? "%.5f" : "%.5e", value);
    }
}
