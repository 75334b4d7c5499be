package jgrad.nn.train;

/**
 * Called by {@link Trainer#fit} after each epoch with what it measured, e.g. to print one line
 * per epoch in a notebook: the simplest {@link Callback}, written as a lambda.
 */
@FunctionalInterface
public interface EpochListener extends Callback {

    /** Receives the record of the epoch just finished. */
    void onEpoch(EpochRecord record);

    /** Passes the epoch's record to {@link #onEpoch} and lets training go on. */
    @Override
    default Decision afterEpoch(EpochEnd epoch) {
        onEpoch(epoch.record());
        return Decision.proceed();
    }

    /** Does nothing. */
    static EpochListener silent() {
        return record -> { };
    }

    /** Prints each record as one line to standard output. */
    static EpochListener printing() {
        return record -> System.out.println(record);
    }
}
