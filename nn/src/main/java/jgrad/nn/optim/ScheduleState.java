package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The state of {@link Optimizers#scaleBySchedule}.
 *
 * @param count the number of updates applied so far: the step at which the schedule is read next
 */
public record ScheduleState(long count) {

    /** @throws IllegalArgumentException if {@code count} is negative */
    public ScheduleState {
        checkArgument(count >= 0, "schedule: count must be >= 0, got %s", count);
    }
}
