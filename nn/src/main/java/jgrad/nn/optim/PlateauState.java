package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The state of {@link Optimizers#reduceOnPlateau}: where the rule of a {@link ReduceOnPlateau}
 * stands after the metrics observed so far (PyTorch's {@code ReduceLROnPlateau} attributes).
 *
 * @param scale           the factor the updates are multiplied by, in {@code (0, 1]}; 1 at the
 *                        start
 * @param best            the best metric so far ({@code +Inf} at the start in mode {@code MIN},
 *                        {@code -Inf} in mode {@code MAX})
 * @param badEpochs       observations since the last improvement ({@code num_bad_epochs})
 * @param cooldownCounter observations still to ignore after the last reduction ({@code
 *                        cooldown_counter})
 */
public record PlateauState(double scale, double best, int badEpochs, int cooldownCounter) {

    /** @throws IllegalArgumentException if a value is out of its range */
    public PlateauState {
        checkArgument(0 < scale && scale <= 1, "plateau: scale must be in (0, 1], got %s", scale);
        checkArgument(!Double.isNaN(best), "plateau: best is NaN");
        checkArgument(badEpochs >= 0 && cooldownCounter >= 0,
                "plateau: counters must be >= 0, got %s and %s", badEpochs, cooldownCounter);
    }
}
