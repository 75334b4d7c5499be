package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Locale;

/**
 * Stops training when a monitored quantity has not improved for {@code patience} epochs, and
 * optionally returns the best epoch's parameters (Keras's {@code EarlyStopping(monitor, min_delta,
 * patience, restore_best_weights)}; Prechelt, "Early Stopping — But When?", 1998).
 *
 * <p>An epoch improves when its value beats the best so far by more than {@code minDelta} ({@link
 * Monitor#improves}); the first epoch improves on nothing unless its value is NaN. After epoch
 * {@code e}, with {@code b} the last improving epoch, training stops when {@code e - b >=
 * patience}. Everything is computed from the history, so the callback is an immutable value.
 *
 * <p>With {@code restoreBestWeights} the run's {@link Fit#model()} has the parameters of the best
 * epoch, whether training stopped early or ran all its epochs (Keras restores only on an early
 * stop).
 *
 * <pre>{@code
 * jshell> var fit = Trainer.fit(model, Losses::softmaxCrossEntropy, Optimizers.adam(0.01), train,
 *    ...>         validation, settings, List.of(EarlyStopping.on(Monitor.VALIDATION_LOSS, 5)));
 * jshell> fit.history().stopReason()
 * $2 ==> Optional[early stopping: validation loss has not improved by more than 0.0 for 5 epochs
 *        since epoch 14 (0.09125)]
 * }</pre>
 *
 * @param monitor            the quantity watched
 * @param patience           epochs without improvement before stopping, {@code >= 0}
 * @param minDelta           the least change that counts as an improvement, {@code >= 0}
 * @param restoreBestWeights whether the run returns the best epoch's parameters
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta,
        boolean restoreBestWeights) implements Callback {

    /**
     * @throws IllegalArgumentException if {@code patience} is negative or {@code minDelta} is
     *     negative or not finite
     */
    public EarlyStopping {
        checkNotNull(monitor, "earlyStopping: monitor is null");
        checkArgument(patience >= 0, "earlyStopping: patience must be >= 0, got %s", patience);
        checkArgument(minDelta >= 0 && Double.isFinite(minDelta),
                "earlyStopping: minDelta must be >= 0 and finite, got %s", minDelta);
    }

    /**
     * Early stopping on {@code monitor} after {@code patience} epochs without improvement,
     * restoring the best weights: {@code new EarlyStopping(monitor, patience, 0, true)}.
     */
    public static EarlyStopping on(Monitor monitor, int patience) {
        return new EarlyStopping(monitor, patience, 0.0, true);
    }

    /**
     * The last epoch of {@code history} that improved on the epochs before it, 0 if none did.
     */
    public int bestEpoch(History history) {
        int bestEpoch = 0;
        double best = monitor.higherIsBetter() ? Double.NEGATIVE_INFINITY
                : Double.POSITIVE_INFINITY;
        for (EpochRecord record : history.epochs()) {
            double value = monitor.of(record);
            if (monitor.improves(value, best, minDelta)) {
                best = value;
                bestEpoch = record.epoch();
            }
        }
        return bestEpoch;
    }

    /** Keeps the parameters of an improving epoch; stops after {@code patience} without one. */
    @Override
    public Decision afterEpoch(EpochEnd end) {
        int best = bestEpoch(end.history());
        if (best == end.epoch()) {
            return Decision.keep();
        }
        if (end.epoch() - best < patience) {
            return Decision.proceed();
        }
        String since = best == 0 ? "since the start (no epoch had a number)"
                : String.format(Locale.ROOT, "since epoch %d (%.5g)", best,
                        monitor.of(end.history().epochs().get(best - 1)));
        return Decision.stop(String.format(Locale.ROOT, "early stopping: %s has not improved by"
                + " more than %s for %d epochs %s", monitor, minDelta, end.epoch() - best,
                since));
    }

    @Override
    public boolean restoresKeptParams() {
        return restoreBestWeights;
    }
}
