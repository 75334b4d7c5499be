package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import jgrad.nn.optim.Schedule;

/**
 * Multiplies the optimiser's updates by a {@link Schedule}'s value, counted in epochs (from 0 in
 * the first epoch) or in steps (updates applied so far): a learning-rate schedule for a {@link
 * Trainer#fit} run (Keras's {@code LearningRateScheduler}, PyTorch's {@code lr_scheduler} stepped
 * once per epoch). The schedule gives a <em>factor</em> on the optimiser's own learning rate; for
 * every optimiser of {@code Optimizers} (whose update is linear in the learning rate: SGD,
 * momentum, Adam, a chain ending in {@code scale(-learningRate)}) that is exactly the learning
 * rate {@code learningRate · factor}, with the optimiser's state unaffected.
 *
 * <pre>{@code
 * jshell> var halveEveryTen = LearningRateSchedule.perEpoch(Schedule.stepDecay(1.0, 0.5, 10));
 * }</pre>
 *
 * @param schedule the factor as a function of the epoch or step, {@code >= 0} and finite
 * @param perEpoch true to count epochs (0 in the first), false to count steps
 */
public record LearningRateSchedule(Schedule schedule, boolean perEpoch) implements Callback {

    /** @throws NullPointerException if {@code schedule} is null */
    public LearningRateSchedule {
        checkNotNull(schedule, "learningRateSchedule: schedule is null");
    }

    /** {@code schedule} read at the epoch, 0 in the first epoch. */
    public static LearningRateSchedule perEpoch(Schedule schedule) {
        return new LearningRateSchedule(schedule, true);
    }

    /** {@code schedule} read at the step, the number of updates applied so far. */
    public static LearningRateSchedule perStep(Schedule schedule) {
        return new LearningRateSchedule(schedule, false);
    }

    /**
     * @throws IllegalStateException if the schedule gives a negative or non-finite factor, naming
     *     the epoch and step
     */
    @Override
    public double learningRateFactor(int epoch, long step) {
        double factor = schedule.valueAt(perEpoch ? epoch - 1 : step);
        checkState(factor >= 0 && Double.isFinite(factor), "learningRateSchedule: the schedule"
                + " gave %s at epoch %s, step %s; factors must be >= 0 and finite", factor, epoch,
                step);
        return factor;
    }
}
