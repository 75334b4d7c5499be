package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A value, usually a learning rate, as a function of the step: the number of updates applied so
 * far, starting at 0 (Optax's schedules).
 *
 * <pre>{@code
 * jshell> var schedule = Schedule.stepDecay(0.1, 0.5, 100);
 * jshell> schedule.valueAt(0) + " " + schedule.valueAt(100) + " " + schedule.valueAt(250)
 * $2 ==> "0.1 0.05 0.025"
 * }</pre>
 */
@FunctionalInterface
public interface Schedule {

    /** The value at {@code step} (updates applied so far, {@code >= 0}). */
    double valueAt(long step);

    /**
     * {@code value} at every step.
     *
     * @throws IllegalArgumentException if {@code value} is not finite
     */
    static Schedule constant(double value) {
        checkArgument(Double.isFinite(value), "schedule: value must be finite, got %s", value);
        return step -> value;
    }

    /**
     * Step decay, {@code initial · factor^floor(step / stepSize)}: multiplied by {@code factor}
     * every {@code stepSize} updates (PyTorch's {@code StepLR}, counted in updates, not epochs).
     *
     * @throws IllegalArgumentException if {@code initial} is not finite, {@code factor} is not in
     *     {@code (0, 1]} or {@code stepSize < 1}
     */
    static Schedule stepDecay(double initial, double factor, long stepSize) {
        checkArgument(Double.isFinite(initial),
                "stepDecay: initial must be finite, got %s", initial);
        checkArgument(0 < factor && factor <= 1,
                "stepDecay: factor must be in (0, 1], got %s", factor);
        checkArgument(stepSize >= 1, "stepDecay: stepSize must be >= 1, got %s", stepSize);
        return step -> initial * Math.pow(factor, Math.floorDiv(step, stepSize));
    }
}
