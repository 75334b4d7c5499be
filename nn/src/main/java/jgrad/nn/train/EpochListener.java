package jgrad.nn.train;

/**
 * Called by {@link Trainer#fit} after each epoch with what it measured, e.g. to print one line
 * per epoch in a notebook.
 */
@FunctionalInterface
public interface EpochListener {

    /** Receives the record of the epoch just finished. */
    void onEpoch(EpochRecord record);

    /** Does nothing. */
    static EpochListener silent() {
        return record -> { };
    }

    /** Prints each record as one line to standard output. */
    static EpochListener printing() {
        return record -> System.out.println(record);
    }
}
