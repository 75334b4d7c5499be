package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.ToDoubleFunction;

/**
 * A quantity of each epoch that a callback watches, and whether higher or lower is better
 * (Keras's {@code monitor} and {@code mode}).
 *
 * @param name           for messages, e.g. {@code "validation loss"}
 * @param value          reads the quantity from an epoch's record
 * @param higherIsBetter true for accuracies, false for losses
 */
public record Monitor(String name, ToDoubleFunction<EpochRecord> value, boolean higherIsBetter) {

    /** The validation loss, lower is better. */
    public static final Monitor VALIDATION_LOSS = new Monitor("validation loss",
            EpochRecord::validationLoss, false);

    /** The validation accuracy, higher is better. */
    public static final Monitor VALIDATION_ACCURACY = new Monitor("validation accuracy",
            EpochRecord::validationAccuracy, true);

    /** The training loss (the mean of the epoch's batch losses), lower is better. */
    public static final Monitor TRAIN_LOSS = new Monitor("train loss", EpochRecord::trainLoss,
            false);

    /** @throws IllegalArgumentException if the name is blank */
    public Monitor {
        checkNotNull(name, "monitor: name is null");
        checkArgument(!name.isBlank(), "monitor: name is blank");
        checkNotNull(value, "monitor: value is null");
    }

    /** The quantity in {@code record}. */
    public double of(EpochRecord record) {
        return value.applyAsDouble(record);
    }

    /**
     * Whether {@code candidate} improves on {@code best} by more than {@code minDelta}: {@code
     * candidate < best - minDelta} for a loss, {@code candidate > best + minDelta} for an
     * accuracy (Keras's rule). NaN never improves.
     */
    public boolean improves(double candidate, double best, double minDelta) {
        return higherIsBetter ? candidate > best + minDelta : candidate < best - minDelta;
    }

    /** The name. */
    @Override
    public String toString() {
        return name;
    }
}
