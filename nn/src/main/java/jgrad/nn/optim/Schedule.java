package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.List;

/**
 * A value, usually a learning rate, as a function of the step: the number of updates applied so
 * far, starting at 0 (Optax's schedules). The update with index {@code t} (the {@code t+1}-th
 * update) uses {@code valueAt(t)}, so a decay "at step 3" changes the rate of the fourth update.
 *
 * <p><b>Steps or epochs.</b> An optimiser reads its schedule once per update, so schedules count
 * updates. PyTorch's epoch schedulers ({@code StepLR}, {@code CosineAnnealingLR}, ... stepped
 * once per epoch) are the same formulas counted in epochs: write the schedule in epochs and call
 * {@link #inEpochs inEpochs(stepsPerEpoch)}, which reads it at {@code floor(step /
 * stepsPerEpoch)}; {@code stepsPerEpoch} is the number of batches per epoch, {@code ceil(n /
 * batchSize)} when the last partial batch is kept. A schedule that reacts to a validation metric
 * is not a function of the step: see {@link Optimizers#reduceOnPlateau}.
 *
 * <p>The factories check their arguments; the optimisers check each value they read and throw
 * {@link IllegalStateException} for a negative or non-finite learning rate, naming the step.
 *
 * <pre>{@code
 * jshell> var schedule = Schedule.stepDecay(0.1, 0.5, 100);
 * jshell> schedule.valueAt(0) + " " + schedule.valueAt(100) + " " + schedule.valueAt(250)
 * $2 ==> "0.1 0.05 0.025"
 * jshell> var perEpoch = Schedule.cosineAnnealing(0.1, 30, 0).inEpochs(469);  // 469 batches
 * }</pre>
 */
@FunctionalInterface
public interface Schedule {

    /** The value at {@code step} (updates applied so far, {@code >= 0}). */
    double valueAt(long step);

    /**
     * This schedule counted in epochs: {@code step -> valueAt(floor(step / stepsPerEpoch))}, for
     * a schedule written per epoch (PyTorch's {@code scheduler.step()} once per epoch) and read by
     * an optimiser once per update.
     *
     * @throws IllegalArgumentException if {@code stepsPerEpoch < 1}
     */
    default Schedule inEpochs(long stepsPerEpoch) {
        checkArgument(stepsPerEpoch >= 1,
                "inEpochs: stepsPerEpoch must be >= 1, got %s", stepsPerEpoch);
        Schedule perEpoch = this;
        return new NamedSchedule(this + ".inEpochs(" + stepsPerEpoch + ")",
                step -> perEpoch.valueAt(Math.floorDiv(step, stepsPerEpoch)));
    }

    /**
     * {@code value} at every step.
     *
     * @throws IllegalArgumentException if {@code value} is not finite
     */
    static Schedule constant(double value) {
        checkFinite("constant", "value", value);
        return new NamedSchedule("constant(" + value + ")", step -> value);
    }

    /**
     * Step decay, {@code initial · factor^floor(step / stepSize)}: multiplied by {@code factor}
     * every {@code stepSize} updates (PyTorch's {@code StepLR} with {@code gamma = factor}).
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
        return new NamedSchedule("stepDecay(" + initial + ", " + factor + ", " + stepSize + ")",
                step -> initial * Math.pow(factor, Math.floorDiv(step, stepSize)));
    }

    /**
     * Multi-step decay, {@code initial · factor^k} where {@code k} counts the milestones {@code <=
     * step}: multiplied by {@code factor} at each milestone (PyTorch's {@code MultiStepLR} with
     * {@code gamma = factor}).
     *
     * @param milestones the steps at which the decay lands, increasing, each {@code >= 1}
     * @throws IllegalArgumentException if {@code initial} is not finite, {@code factor} is not in
     *     {@code (0, 1]}, or the milestones are empty, not increasing or not positive
     */
    static Schedule multiStepDecay(double initial, double factor, long... milestones) {
        checkFinite("multiStepDecay", "initial", initial);
        checkArgument(0 < factor && factor <= 1,
                "multiStepDecay: factor must be in (0, 1], got %s", factor);
        long[] sorted = milestones.clone();
        checkArgument(sorted.length > 0, "multiStepDecay: no milestones");
        for (int i = 0; i < sorted.length; i++) {
            checkArgument(sorted[i] >= 1 && (i == 0 || sorted[i] > sorted[i - 1]),
                    "multiStepDecay: milestones must be increasing and >= 1, got %s",
                    Arrays.toString(sorted));
        }
        return new NamedSchedule("multiStepDecay(" + initial + ", " + factor + ", "
                + Arrays.toString(sorted) + ")",
                step -> initial * Math.pow(factor, countAtOrBelow(sorted, step)));
    }

    /**
     * Exponential decay, {@code initial · factor^step} (PyTorch's {@code ExponentialLR} with
     * {@code gamma = factor}).
     *
     * @throws IllegalArgumentException if {@code initial} is not finite or {@code factor} is not in
     *     {@code (0, 1]}
     */
    static Schedule exponentialDecay(double initial, double factor) {
        checkFinite("exponentialDecay", "initial", initial);
        checkArgument(0 < factor && factor <= 1,
                "exponentialDecay: factor must be in (0, 1], got %s", factor);
        return new NamedSchedule("exponentialDecay(" + initial + ", " + factor + ")",
                step -> initial * Math.pow(factor, step));
    }

    /**
     * Cosine annealing, {@code minimum + (initial - minimum) · (1 + cos(π · t / period)) / 2} with
     * {@code t = min(step, period)}: {@code initial} at step 0, exactly {@code minimum} at step
     * {@code period} and held there after it (Loshchilov &amp; Hutter, "SGDR", ICLR 2017, eq. 5
     * without restarts; Optax's {@code cosine_decay_schedule}). PyTorch's {@code
     * CosineAnnealingLR(T_max=period, eta_min=minimum)} gives the same values up to {@code
     * period} but rises again after it (a cosine of period {@code 2 · period}).
     *
     * @throws IllegalArgumentException if a value is not finite or {@code period < 1}
     */
    static Schedule cosineAnnealing(double initial, long period, double minimum) {
        checkFinite("cosineAnnealing", "initial", initial);
        checkFinite("cosineAnnealing", "minimum", minimum);
        checkArgument(period >= 1, "cosineAnnealing: period must be >= 1, got %s", period);
        return new NamedSchedule("cosineAnnealing(" + initial + ", " + period + ", " + minimum
                + ")", step -> cosine(initial, minimum, Math.min(step, period), period));
    }

    /**
     * Cosine annealing with warm restarts (SGDR: Loshchilov &amp; Hutter, ICLR 2017, eq. 5;
     * PyTorch's {@code CosineAnnealingWarmRestarts(T_0=firstPeriod, T_mult=periodMultiplier,
     * eta_min=minimum)}): the {@code i}-th period lasts {@code T_i = firstPeriod ·
     * periodMultiplier^i} steps; with {@code t} the steps since the last restart, the value is
     * {@code minimum + (initial - minimum) · (1 + cos(π · t / T_i)) / 2}. Each period restarts at
     * {@code initial} and never reaches {@code minimum} (the last step of a period is one step
     * short of it).
     *
     * @throws IllegalArgumentException if a value is not finite, {@code firstPeriod < 1} or {@code
     *     periodMultiplier < 1}
     */
    static Schedule cosineAnnealingWarmRestarts(double initial, long firstPeriod,
            long periodMultiplier, double minimum) {
        checkFinite("cosineAnnealingWarmRestarts", "initial", initial);
        checkFinite("cosineAnnealingWarmRestarts", "minimum", minimum);
        checkArgument(firstPeriod >= 1,
                "cosineAnnealingWarmRestarts: firstPeriod must be >= 1, got %s", firstPeriod);
        checkArgument(periodMultiplier >= 1,
                "cosineAnnealingWarmRestarts: periodMultiplier must be >= 1, got %s",
                periodMultiplier);
        return new NamedSchedule("cosineAnnealingWarmRestarts(" + initial + ", " + firstPeriod
                + ", " + periodMultiplier + ", " + minimum + ")", step -> {
                    long period = firstPeriod;
                    long sinceRestart = Math.max(step, 0);
                    if (periodMultiplier == 1) {
                        sinceRestart %= period;
                    }
                    while (sinceRestart >= period) {
                        sinceRestart -= period;
                        period = period > Long.MAX_VALUE / periodMultiplier
                                ? Long.MAX_VALUE : period * periodMultiplier;
                    }
                    return cosine(initial, minimum, sinceRestart, period);
                });
    }

    /**
     * Linear interpolation, {@code initial + (end - initial) · min(step, steps) / steps}, then held
     * at {@code end} (Optax's {@code linear_schedule}; PyTorch's {@code LinearLR} with factors
     * {@code initial / base} and {@code end / base} over {@code total_iters = steps}).
     *
     * @throws IllegalArgumentException if a value is not finite or {@code steps < 1}
     */
    static Schedule linear(double initial, double end, long steps) {
        checkFinite("linear", "initial", initial);
        checkFinite("linear", "end", end);
        checkArgument(steps >= 1, "linear: steps must be >= 1, got %s", steps);
        return new NamedSchedule("linear(" + initial + ", " + end + ", " + steps + ")",
                step -> step >= steps ? end
                        : initial + (end - initial) * Math.max(step, 0) / steps);
    }

    /**
     * Linear warm-up to {@code peak} over {@code warmupSteps} updates, {@code peak · min(1, (step +
     * 1) / warmupSteps)}: the first update already gets {@code peak / warmupSteps} (never 0, which
     * would waste it) and update {@code warmupSteps - 1} the full {@code peak}, held after
     * (Goyal et al., "Accurate, Large Minibatch SGD", 2017, section 2.2; PyTorch's {@code
     * LinearLR(start_factor=1/warmupSteps, total_iters=warmupSteps-1)}). Follow it with another
     * schedule by {@link #join}: {@code join(List.of(linearWarmup(0.1, 500), cosineAnnealing(0.1,
     * 9500, 0)), 500)}.
     *
     * @throws IllegalArgumentException if {@code peak} is not finite or {@code warmupSteps < 1}
     */
    static Schedule linearWarmup(double peak, long warmupSteps) {
        checkFinite("linearWarmup", "peak", peak);
        checkArgument(warmupSteps >= 1,
                "linearWarmup: warmupSteps must be >= 1, got %s", warmupSteps);
        return new NamedSchedule("linearWarmup(" + peak + ", " + warmupSteps + ")",
                step -> step + 1 >= warmupSteps ? peak
                        : peak * (Math.max(step, 0) + 1) / warmupSteps);
    }

    /**
     * Polynomial decay, {@code (initial - end) · (1 - min(step, steps) / steps)^power + end}, then
     * held at {@code end} (Optax's {@code polynomial_schedule}; PyTorch's {@code
     * PolynomialLR(total_iters=steps, power)} is the case {@code end = 0}).
     *
     * @throws IllegalArgumentException if a value is not finite, {@code power <= 0} or {@code steps
     *     < 1}
     */
    static Schedule polynomial(double initial, double end, double power, long steps) {
        checkFinite("polynomial", "initial", initial);
        checkFinite("polynomial", "end", end);
        checkArgument(power > 0 && Double.isFinite(power),
                "polynomial: power must be positive and finite, got %s", power);
        checkArgument(steps >= 1, "polynomial: steps must be >= 1, got %s", steps);
        return new NamedSchedule("polynomial(" + initial + ", " + end + ", " + power + ", "
                + steps + ")", step -> {
                    double remaining = 1 - (double) Math.min(Math.max(step, 0), steps) / steps;
                    return (initial - end) * Math.pow(remaining, power) + end;
                });
    }

    /**
     * The one-cycle policy with PyTorch's defaults: {@code oneCycle(maxValue, totalSteps, 0.3,
     * Anneal.COSINE, 25, 1e4, false)}.
     *
     * @throws IllegalArgumentException if {@code maxValue} is not positive and finite or {@code
     *     totalSteps < 2}
     */
    static Schedule oneCycle(double maxValue, long totalSteps) {
        return oneCycle(maxValue, totalSteps, 0.3, Anneal.COSINE, 25, 1e4, false);
    }

    /**
     * The one-cycle policy (Smith &amp; Topin, "Super-Convergence", 2017; PyTorch's {@code
     * OneCycleLR}, whose step counting this follows exactly). With {@code start = maxValue /
     * divFactor} and {@code min = start / finalDivFactor}: from {@code start} at step 0 up to
     * {@code maxValue} at step {@code pctStart · totalSteps - 1}, then down to {@code min} at step
     * {@code totalSteps - 1}; with {@code threePhase}, down to {@code start} at step {@code 2 ·
     * pctStart · totalSteps - 2} and then to {@code min}. Each phase anneals by {@code anneal} over
     * its fraction {@code p} of steps: cosine {@code end + (begin - end) / 2 · (cos(π p) + 1)} or
     * linear {@code (1 - p) · begin + p · end}. After step {@code totalSteps - 1} the value stays
     * at {@code min} (PyTorch raises an error there). PyTorch's momentum cycling is not part of it.
     *
     * @throws IllegalArgumentException if {@code maxValue}, {@code divFactor} or {@code
     *     finalDivFactor} is not positive and finite, {@code pctStart} is not in {@code (0, 1)},
     *     or {@code totalSteps < 2}
     */
    static Schedule oneCycle(double maxValue, long totalSteps, double pctStart, Anneal anneal,
            double divFactor, double finalDivFactor, boolean threePhase) {
        checkArgument(maxValue > 0 && Double.isFinite(maxValue),
                "oneCycle: maxValue must be positive and finite, got %s", maxValue);
        checkArgument(totalSteps >= 2, "oneCycle: totalSteps must be >= 2, got %s", totalSteps);
        checkArgument(0 < pctStart && pctStart < 1,
                "oneCycle: pctStart must be in (0, 1), got %s", pctStart);
        checkNotNull(anneal, "oneCycle: anneal is null");
        checkArgument(divFactor > 0 && Double.isFinite(divFactor)
                        && finalDivFactor > 0 && Double.isFinite(finalDivFactor),
                "oneCycle: divFactor and finalDivFactor must be positive and finite, got %s and %s",
                divFactor, finalDivFactor);
        double start = maxValue / divFactor;
        double min = start / finalDivFactor;
        double[] ends = threePhase
                ? new double[] {pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2,
                        totalSteps - 1}
                : new double[] {pctStart * totalSteps - 1, totalSteps - 1};
        double[] values = threePhase
                ? new double[] {start, maxValue, start, min}
                : new double[] {start, maxValue, min};
        return new NamedSchedule("oneCycle(" + maxValue + ", " + totalSteps + ", " + pctStart
                + ", " + anneal + ", " + divFactor + ", " + finalDivFactor + ", " + threePhase
                + ")", step -> {
                    double t = Math.min(Math.max(step, 0), totalSteps - 1);
                    double phaseStart = 0;
                    for (int i = 0; i < ends.length; i++) {
                        if (t <= ends[i] || i == ends.length - 1) {
                            double fraction = (t - phaseStart) / (ends[i] - phaseStart);
                            return anneal.between(values[i], values[i + 1], fraction);
                        }
                        phaseStart = ends[i];
                    }
                    throw new IllegalStateException("oneCycle: no phase for step " + step);
                });
    }

    /** How {@link #oneCycle} moves between two values within a phase. */
    enum Anneal {
        /** {@code end + (begin - end) / 2 · (cos(π p) + 1)}; PyTorch's {@code 'cos'}. */
        COSINE {
            @Override
            double between(double begin, double end, double fraction) {
                return end + (begin - end) / 2.0 * (Math.cos(Math.PI * fraction) + 1);
            }
        },
        /**
         * {@code (1 - p) · begin + p · end}; PyTorch's {@code 'linear'}, which computes {@code
         * (end - begin) · p + begin}: equal up to rounding, but this form ends exactly at {@code
         * end} even when {@code end} is tiny against {@code begin}.
         */
        LINEAR {
            @Override
            double between(double begin, double end, double fraction) {
                return (1 - fraction) * begin + fraction * end;
            }
        };

        abstract double between(double begin, double end, double fraction);
    }

    /**
     * Schedules one after another (Optax's {@code join_schedules}; PyTorch's {@code
     * SequentialLR}): {@code schedules.get(0)} before {@code boundaries[0]}, then from each
     * boundary {@code b_i} on {@code schedules.get(i + 1).valueAt(step - b_i)}, so every schedule
     * starts at its own step 0.
     *
     * @param boundaries one fewer than the schedules, increasing, each {@code >= 1}
     * @throws IllegalArgumentException if the counts do not fit or the boundaries are not
     *     increasing and positive
     */
    static Schedule join(List<Schedule> schedules, long... boundaries) {
        ImmutableList<Schedule> parts = ImmutableList.copyOf(schedules);
        long[] at = boundaries.clone();
        checkArgument(parts.size() == at.length + 1,
                "join: %s schedules need %s boundaries, got %s", parts.size(),
                parts.size() - 1, at.length);
        for (int i = 0; i < at.length; i++) {
            checkArgument(at[i] >= 1 && (i == 0 || at[i] > at[i - 1]),
                    "join: boundaries must be increasing and >= 1, got %s", Arrays.toString(at));
        }
        return new NamedSchedule("join(" + parts + ", " + Arrays.toString(at) + ")", step -> {
            int index = countAtOrBelow(at, step);
            return parts.get(index).valueAt(index == 0 ? step : step - at[index - 1]);
        });
    }

    /** How many of the increasing {@code sorted} are {@code <= step}. */
    private static int countAtOrBelow(long[] sorted, long step) {
        int index = Arrays.binarySearch(sorted, step);
        return index >= 0 ? index + 1 : -index - 1;
    }

    private static double cosine(double initial, double minimum, long t, long period) {
        return minimum + (initial - minimum) * (1 + Math.cos(Math.PI * t / period)) / 2;
    }

    private static void checkFinite(String schedule, String name, double value) {
        checkArgument(Double.isFinite(value), "%s: %s must be finite, got %s", schedule, name,
                value);
    }
}
