package jgrad.nn.train;

import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * Stops training at the first batch whose loss is NaN or infinite, before that batch's update,
 * so the model keeps the last finite parameters; and after an epoch whose validation loss is not
 * finite (Keras's {@code TerminateOnNaN}). The reason names the epoch, the batch and the step,
 * and is also logged as a warning on the {@link System.Logger} named {@code
 * jgrad.nn.train.StopOnNonFiniteLoss}. {@link Trainer#fit} adds this callback unless {@link
 * TrainingSettings#stopOnNonFiniteLoss()} is false: a diverged run otherwise trains on NaN for
 * every remaining epoch.
 */
public record StopOnNonFiniteLoss() implements Callback {

    private static final System.Logger LOGGER =
            System.getLogger(StopOnNonFiniteLoss.class.getName());

    /** How the reason of a stop on a non-finite training loss begins ({@link Diagnosis}). */
    static final String TRAINING_REASON = "the training loss is ";

    /** How the reason of a stop on a non-finite validation loss begins. */
    static final String VALIDATION_REASON = "the validation loss is ";

    /** Whether {@code reason} is one this callback gives. */
    static boolean isItsReason(String reason) {
        return reason.startsWith(TRAINING_REASON) || reason.startsWith(VALIDATION_REASON);
    }

    @Override
    public Decision afterBatch(BatchEnd batch) {
        if (Double.isFinite(batch.loss())) {
            return Decision.proceed();
        }
        return stop(String.format(Locale.ROOT, TRAINING_REASON + "%s at epoch %d, batch %d of"
                + " %d (step %d); training stopped before that batch's update, so the model has"
                + " the parameters of the step before. A learning rate too high for the data, or a"
                + " log of 0 or a division by 0 in the loss, are the usual causes", batch.loss(),
                batch.epoch(), batch.batch(), batch.batches(), batch.step()));
    }

    @Override
    public Decision afterEpoch(EpochEnd epoch) {
        double loss = epoch.record().validationLoss();
        if (Double.isFinite(loss)) {
            return Decision.proceed();
        }
        return stop(String.format(Locale.ROOT, VALIDATION_REASON + "%s after epoch %d (step"
                + " %d), while the training loss was finite", loss, epoch.epoch(),
                epoch.step()));
    }

    private static Decision stop(String reason) {
        LOGGER.log(Level.WARNING, "fit: " + reason);
        return Decision.stop(reason);
    }
}
