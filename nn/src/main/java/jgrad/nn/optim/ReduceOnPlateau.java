package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * When to reduce the learning rate because a monitored metric stopped improving, as PyTorch's
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau} (Optax's {@code contrib.reduce_on_plateau}
 * keeps the same state as a scale): used by {@link Optimizers#reduceOnPlateau}, which multiplies
 * the updates by the current scale.
 *
 * <p>After each observed metric {@code a} (one per epoch, e.g. the validation loss): {@code a}
 * improves on {@code best} if {@code a < best · (1 - threshold)} (mode {@code MIN}, relative),
 * {@code a < best - threshold} ({@code MIN}, absolute), {@code a > best · (1 + threshold)} ({@code
 * MAX}, relative) or {@code a > best + threshold} ({@code MAX}, absolute); an improvement sets
 * {@code best = a} and the bad-epoch count to 0, anything else (NaN included) adds 1. While the
 * cooldown counter is positive it is decremented and the bad-epoch count is reset to 0. When the
 * count exceeds {@code patience}, {@code scale = max(scale · factor, minScale)}, the cooldown
 * counter is set to {@code cooldown} and the count to 0.
 *
 * <p>Differences from PyTorch: the rule scales the updates instead of setting a learning rate, so
 * {@code minScale} is PyTorch's {@code min_lr} divided by the initial learning rate; and a
 * reduction happens whenever the new scale is smaller, where PyTorch skips one that changes the
 * learning rate by {@code eps = 1e-8} or less.
 *
 * <pre>{@code
 * jshell> var opt = Optimizers.chain(Optimizers.adam(0.01),
 *    ...>         Optimizers.reduceOnPlateau(ReduceOnPlateau.of(0.5, 3)));
 * jshell> state = opt.observe(state, validationLoss);   // once per epoch
 * }</pre>
 *
 * @param mode          whether the metric should go down ({@code MIN}, a loss) or up ({@code MAX},
 *                      an accuracy)
 * @param factor        multiplies the scale at each reduction, in {@code (0, 1)}
 * @param patience      bad epochs tolerated before a reduction, {@code >= 0}
 * @param threshold     the least change that counts as an improvement, {@code >= 0}
 * @param thresholdMode whether {@code threshold} is relative to {@code best} or absolute
 * @param cooldown      epochs after a reduction during which bad epochs are not counted, {@code
 *                      >= 0}
 * @param minScale      the scale never goes below this, in {@code [0, 1]}
 */
public record ReduceOnPlateau(Mode mode, double factor, int patience, double threshold,
        ThresholdMode thresholdMode, int cooldown, double minScale) {

    /** Whether the monitored metric should decrease or increase. */
    public enum Mode {
        /** Lower is better (a loss); PyTorch's {@code mode='min'}. */
        MIN,
        /** Higher is better (an accuracy); PyTorch's {@code mode='max'}. */
        MAX
    }

    /** How {@code threshold} is compared. */
    public enum ThresholdMode {
        /** {@code threshold} is a fraction of {@code best}; {@code threshold_mode='rel'}. */
        RELATIVE,
        /** An absolute change; PyTorch's {@code threshold_mode='abs'}. */
        ABSOLUTE
    }

    /** @throws IllegalArgumentException if a value is out of its range */
    public ReduceOnPlateau {
        checkNotNull(mode, "reduceOnPlateau: mode is null");
        checkNotNull(thresholdMode, "reduceOnPlateau: thresholdMode is null");
        checkArgument(0 < factor && factor < 1,
                "reduceOnPlateau: factor must be in (0, 1), got %s", factor);
        checkArgument(patience >= 0, "reduceOnPlateau: patience must be >= 0, got %s", patience);
        checkArgument(threshold >= 0 && Double.isFinite(threshold),
                "reduceOnPlateau: threshold must be >= 0 and finite, got %s", threshold);
        checkArgument(cooldown >= 0, "reduceOnPlateau: cooldown must be >= 0, got %s", cooldown);
        checkArgument(0 <= minScale && minScale <= 1,
                "reduceOnPlateau: minScale must be in [0, 1], got %s", minScale);
    }

    /**
     * PyTorch's defaults: mode {@code MIN}, factor 0.1, patience 10, threshold {@code 1e-4}
     * relative, cooldown 0, minScale 0.
     */
    public static ReduceOnPlateau defaults() {
        return new ReduceOnPlateau(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.RELATIVE, 0, 0);
    }

    /**
     * A metric to minimise with the given {@code factor} and {@code patience}, other values as
     * {@link #defaults()}.
     *
     * @throws IllegalArgumentException if {@code factor} is not in {@code (0, 1)} or {@code
     *     patience} is negative
     */
    public static ReduceOnPlateau of(double factor, int patience) {
        return new ReduceOnPlateau(Mode.MIN, factor, patience, 1e-4, ThresholdMode.RELATIVE, 0, 0);
    }

    /** This rule with another {@code mode}. */
    public ReduceOnPlateau withMode(Mode mode) {
        return new ReduceOnPlateau(mode, factor, patience, threshold, thresholdMode, cooldown,
                minScale);
    }

    /** This rule with another {@code threshold} and {@code thresholdMode}. */
    public ReduceOnPlateau withThreshold(double threshold, ThresholdMode thresholdMode) {
        return new ReduceOnPlateau(mode, factor, patience, threshold, thresholdMode, cooldown,
                minScale);
    }

    /** This rule with another {@code cooldown}. */
    public ReduceOnPlateau withCooldown(int cooldown) {
        return new ReduceOnPlateau(mode, factor, patience, threshold, thresholdMode, cooldown,
                minScale);
    }

    /** This rule with another {@code minScale}. */
    public ReduceOnPlateau withMinScale(double minScale) {
        return new ReduceOnPlateau(mode, factor, patience, threshold, thresholdMode, cooldown,
                minScale);
    }

    /** Scale 1, no best value yet ({@code ±Inf}), no bad epochs, no cooldown. */
    public PlateauState initialState() {
        return new PlateauState(1.0,
                mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, 0, 0);
    }

    /** The state after observing {@code metric}; see the class comment for the rule. */
    public PlateauState observe(PlateauState state, double metric) {
        checkNotNull(state, "reduceOnPlateau: state is null");
        boolean improved = improves(metric, state.best());
        double best = improved ? metric : state.best();
        int badEpochs = improved ? 0 : state.badEpochs() + 1;
        int cooldownCounter = state.cooldownCounter();
        if (cooldownCounter > 0) {
            cooldownCounter--;
            badEpochs = 0;
        }
        double scale = state.scale();
        if (badEpochs > patience) {
            double reduced = Math.max(scale * factor, minScale);
            if (reduced < scale && reduced > 0) {
                scale = reduced;
            }
            cooldownCounter = cooldown;
            badEpochs = 0;
        }
        return new PlateauState(scale, best, badEpochs, cooldownCounter);
    }

    private boolean improves(double metric, double best) {
        boolean relative = thresholdMode == ThresholdMode.RELATIVE;
        if (mode == Mode.MIN) {
            return relative ? metric < best * (1 - threshold) : metric < best - threshold;
        }
        return relative ? metric > best * (threshold + 1) : metric > best + threshold;
    }
}
