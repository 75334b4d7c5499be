package jgrad.nn.train;

/**
 * Something {@link Trainer#fit} calls as it trains (Keras's and PyTorch Lightning's callbacks):
 * after each batch's loss, after each epoch's validation, for a learning-rate factor before each
 * update, and once at the end. Every method has a default that does nothing, so a callback
 * implements only what it needs.
 *
 * <p>Callbacks are values: what they decide comes back as a {@link Decision}, and what they need
 * to remember comes from the events themselves (the {@link History} so far, the step count) or
 * from {@link Decision#keep()}, with which the loop keeps the current parameters for the
 * callback and hands them back in {@link #restoresKeptParams()}. {@link EarlyStopping} works this
 * way; so the same callback can serve several runs. (The progress bar is the exception: it owns a
 * terminal display.)
 *
 * <pre>{@code
 * jshell> Callback stopAtNinetyPercent = new Callback() {
 *    ...>     public Decision afterEpoch(EpochEnd end) {
 *    ...>         return end.record().validationAccuracy() >= 0.9
 *    ...>                 ? Decision.stop("reached 90 % validation accuracy") : Decision.proceed();
 *    ...>     }
 *    ...> };
 * }</pre>
 */
public interface Callback {

    /**
     * Called after each batch's forward and backward pass, before its update. Returning a stop
     * ends training before the update, so the parameters are those of the previous step.
     */
    default Decision afterBatch(BatchEnd batch) {
        return Decision.proceed();
    }

    /** Called after each epoch's validation, with the record already in the history. */
    default Decision afterEpoch(EpochEnd epoch) {
        return Decision.proceed();
    }

    /**
     * The factor by which the optimiser's updates are multiplied at {@code step} (updates applied
     * so far) in {@code epoch} (from 1): for every optimiser whose update is linear in its
     * learning rate (all of {@code Optimizers}: SGD, momentum, Adam, a chain ending in {@code
     * scale(-learningRate)}) this multiplies the learning rate. 1 by default.
     */
    default double learningRateFactor(int epoch, long step) {
        return 1.0;
    }

    /**
     * Whether {@link Trainer#fit} returns, as {@link Fit#model()}, the parameters this callback
     * last kept with {@link Decision#keep()} (early stopping's best weights) instead of the
     * last ones. At most one callback of a run may say yes.
     */
    default boolean restoresKeptParams() {
        return false;
    }

    /**
     * Called once when training ends, however it ends (all epochs, a stop, or an exception), with
     * the epochs completed.
     */
    default void afterTraining(History history) {
    }
}
