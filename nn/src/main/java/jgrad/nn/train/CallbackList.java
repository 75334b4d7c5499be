package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import java.util.Optional;
import jgrad.nn.Layer;

/**
 * The callbacks of one {@link Trainer#fit} run, called in order, with what the loop keeps for
 * them: the first stop reason, the model (parameters and layer state) each callback asked to
 * keep, and the model of the lowest validation loss (for {@link Fit#bestModel()}). Lives for one
 * run only.
 */
final class CallbackList {

    private final ImmutableList<Callback> callbacks;
    private final Layer[] kept;
    private final int restoring;
    private String stopReason;
    private Layer lowestValidationLossModel;
    private double lowestValidationLoss = Double.NaN;

    private CallbackList(ImmutableList<Callback> callbacks) {
        this.callbacks = callbacks;
        this.kept = new Layer[callbacks.size()];
        int restorer = -1;
        for (int i = 0; i < callbacks.size(); i++) {
            if (callbacks.get(i).restoresKeptParams()) {
                if (restorer >= 0) {
                    throw new IllegalArgumentException("fit: two callbacks restore kept parameters"
                            + " (" + callbacks.get(restorer) + " and " + callbacks.get(i)
                            + "); keep one");
                }
                restorer = i;
            }
        }
        this.restoring = restorer;
    }

    /**
     * The given callbacks, after the ones the settings ask for: the stop on a non-finite loss
     * first, then a progress bar when {@link TrainingProgress#shown} says so for this JVM (the
     * system property {@value TrainingProgress#PROPERTY} and whether output is a terminal).
     *
     * @throws IllegalArgumentException if the system property has a value other than true,
     *     false or auto
     */
    static CallbackList of(Iterable<? extends Callback> given, TrainingSettings settings) {
        ImmutableList.Builder<Callback> all = ImmutableList.builder();
        if (settings.stopOnNonFiniteLoss()) {
            all.add(new StopOnNonFiniteLoss());
        }
        if (TrainingProgress.shown(settings, System.getProperty(TrainingProgress.PROPERTY),
                System.console() != null)) {
            all.add(new TrainingProgress(System.err, 0, settings.epochs()));
        }
        for (Callback callback : given) {
            all.add(checkNotNull(callback, "fit: a callback is null"));
        }
        return new CallbackList(all.build());
    }

    /** The callbacks, in the order they are called. */
    ImmutableList<Callback> callbacks() {
        return callbacks;
    }

    /** Calls every callback; true if one of them stops training. */
    boolean afterBatch(BatchEnd batch) {
        for (Callback callback : callbacks) {
            record(callback.afterBatch(batch));
        }
        return stopReason != null;
    }

    /** Calls every callback, keeping the epoch's model for those that ask; true to stop. */
    boolean afterEpoch(EpochEnd epoch) {
        // As History.bestEpoch: the first epoch of lowest validation loss, NaN above all.
        double loss = epoch.record().validationLoss();
        if (lowestValidationLossModel == null || Double.compare(loss, lowestValidationLoss) < 0) {
            lowestValidationLoss = loss;
            lowestValidationLossModel = epoch.model();
        }
        for (int i = 0; i < callbacks.size(); i++) {
            Decision decision = checkNotNull(callbacks.get(i).afterEpoch(epoch),
                    "fit: %s returned no decision", callbacks.get(i));
            if (decision.keepParams()) {
                kept[i] = epoch.model();
            }
            record(decision);
        }
        return stopReason != null;
    }

    /** The product of the callbacks' learning-rate factors. */
    double learningRateFactor(int epoch, long step) {
        double factor = 1;
        for (Callback callback : callbacks) {
            factor *= callback.learningRateFactor(epoch, step);
        }
        checkState(factor >= 0 && Double.isFinite(factor), "fit: the learning-rate factor is %s"
                + " at epoch %s, step %s", factor, epoch, step);
        return factor;
    }

    void afterTraining(History history) {
        for (Callback callback : callbacks) {
            callback.afterTraining(history);
        }
    }

    Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /** The model kept by the restoring callback, else {@code last}. */
    Layer finalModel(Layer last) {
        return restoring >= 0 && kept[restoring] != null ? kept[restoring] : last;
    }

    /** The model after the epoch of lowest validation loss, else {@code last}. */
    Layer lowestValidationLossModel(Layer last) {
        return lowestValidationLossModel != null ? lowestValidationLossModel : last;
    }

    private void record(Decision decision) {
        checkNotNull(decision, "fit: a callback returned no decision");
        if (stopReason == null && decision.stops()) {
            stopReason = decision.stopReason().orElseThrow();
        }
    }
}
