package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkNotNull;

/** A schedule with a description for {@code toString}, from the factories of {@link Schedule}. */
record NamedSchedule(String description, Schedule schedule) implements Schedule {

    NamedSchedule {
        checkNotNull(description, "description");
        checkNotNull(schedule, "schedule");
    }

    @Override
    public double valueAt(long step) {
        return schedule.valueAt(step);
    }

    @Override
    public String toString() {
        return description;
    }
}
