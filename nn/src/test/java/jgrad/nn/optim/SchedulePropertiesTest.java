package jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

/**
 * Schedules with non-negative settings are non-negative everywhere and hit their endpoints.
 * Endpoints are compared to {@code 1e-12} relative (the formulas reach them exactly or within an
 * ulp or two).
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class SchedulePropertiesTest {

    @Property
    void cosineAnnealingStartsAtInitialEndsAtMinimumAndNeverLeavesTheRange(
            @ForAll @DoubleRange(min = 0, max = 10) double initial,
            @ForAll @DoubleRange(min = 0, max = 1) double minimumFraction,
            @ForAll @LongRange(min = 1, max = 10_000) long period,
            @ForAll @LongRange(min = 0, max = 1_000_000) long step) {
        double minimum = initial * minimumFraction;
        Schedule schedule = Schedule.cosineAnnealing(initial, period, minimum);
        assertClose(initial, schedule.valueAt(0));
        assertClose(minimum, schedule.valueAt(period));
        assertClose(minimum, schedule.valueAt(period + step));
        double value = schedule.valueAt(step);
        assertTrue(value >= minimum - 1e-12 * initial && value <= initial * (1 + 1e-12),
                value + " outside [" + minimum + ", " + initial + "]");
        if (step < period) {
            assertTrue(schedule.valueAt(step + 1) <= value * (1 + 1e-12), "rises at " + step);
        }
    }

    @Property
    void warmRestartsStayWithinTheRangeAndRestartAtInitial(
            @ForAll @DoubleRange(min = 0, max = 10) double initial,
            @ForAll @DoubleRange(min = 0, max = 1) double minimumFraction,
            @ForAll @LongRange(min = 1, max = 50) long firstPeriod,
            @ForAll @IntRange(min = 1, max = 4) int multiplier,
            @ForAll @LongRange(min = 0, max = 1_000_000) long step) {
        double minimum = initial * minimumFraction;
        Schedule schedule = Schedule.cosineAnnealingWarmRestarts(initial, firstPeriod,
                multiplier, minimum);
        double value = schedule.valueAt(step);
        assertTrue(value >= minimum - 1e-12 * initial && value <= initial * (1 + 1e-12),
                value + " outside [" + minimum + ", " + initial + "]");
        long restart = 0;
        long period = firstPeriod;
        for (int i = 0; i < 5; i++) {
            assertClose(initial, schedule.valueAt(restart));
            restart += period;
            period *= multiplier;
        }
    }

    @Property
    void polynomialAndLinearGoFromInitialToEndAndHoldIt(
            @ForAll @DoubleRange(min = 0, max = 10) double initial,
            @ForAll @DoubleRange(min = 0, max = 10) double end,
            @ForAll @DoubleRange(min = 0.1, max = 5) double power,
            @ForAll @LongRange(min = 1, max = 10_000) long steps,
            @ForAll @LongRange(min = 0, max = 1_000_000) long step) {
        for (Schedule schedule : List.of(Schedule.polynomial(initial, end, power, steps),
                Schedule.linear(initial, end, steps))) {
            assertClose(initial, schedule.valueAt(0));
            assertClose(end, schedule.valueAt(steps));
            assertClose(end, schedule.valueAt(steps + step));
            double value = schedule.valueAt(step);
            assertTrue(value >= Math.min(initial, end) * (1 - 1e-12)
                    && value <= Math.max(initial, end) * (1 + 1e-12), schedule + " at " + step);
        }
    }

    @Property
    void linearWarmupRisesToItsPeakWithoutAZeroFirstRate(
            @ForAll @DoubleRange(min = 1e-6, max = 10) @Scale(8) double peak,
            @ForAll @LongRange(min = 1, max = 10_000) long warmupSteps,
            @ForAll @LongRange(min = 0, max = 1_000_000) long step) {
        Schedule schedule = Schedule.linearWarmup(peak, warmupSteps);
        assertClose(peak / warmupSteps, schedule.valueAt(0));
        assertTrue(schedule.valueAt(0) > 0);
        assertClose(peak, schedule.valueAt(warmupSteps - 1));
        assertClose(peak, schedule.valueAt(warmupSteps - 1 + step));
        assertTrue(schedule.valueAt(step) <= peak && schedule.valueAt(step + 1)
                >= schedule.valueAt(step), "not rising at " + step);
    }

    @Property
    void oneCycleStaysBetweenItsMinimumAndMaximumAndHitsItsEndpoints(
            @ForAll @DoubleRange(min = 1e-6, max = 10) @Scale(8) double maxValue,
            @ForAll @LongRange(min = 2, max = 10_000) long totalSteps,
            @ForAll @DoubleRange(min = 0.05, max = 0.45) double pctStart,
            @ForAll Schedule.Anneal anneal,
            @ForAll boolean threePhase,
            @ForAll @LongRange(min = 0, max = 1_000_000) long step) {
        Schedule schedule = Schedule.oneCycle(maxValue, totalSteps, pctStart, anneal, 25, 1e4,
                threePhase);
        double start = maxValue / 25;
        double minimum = start / 1e4;
        double value = schedule.valueAt(step);
        assertTrue(value >= minimum * (1 - 1e-9) && value <= maxValue * (1 + 1e-12),
                schedule + " at " + step + ": " + value);
        // The first phase needs at least one step for step 0 to be its start.
        if (pctStart * totalSteps - 1 > 0) {
            assertClose(start, schedule.valueAt(0));
        }
        assertClose(minimum, schedule.valueAt(totalSteps - 1));
        assertClose(minimum, schedule.valueAt(totalSteps - 1 + step));
    }

    @Property
    void stepAndExponentialDecayNeverRiseAndStayPositive(
            @ForAll @DoubleRange(min = 1e-6, max = 10) @Scale(8) double initial,
            @ForAll @DoubleRange(min = 0.01, max = 1) double factor,
            @ForAll @LongRange(min = 1, max = 1000) long stepSize,
            @ForAll @LongRange(min = 0, max = 100_000) long step) {
        for (Schedule schedule : List.of(Schedule.stepDecay(initial, factor, stepSize),
                Schedule.exponentialDecay(initial, factor),
                Schedule.multiStepDecay(initial, factor, stepSize, 2 * stepSize))) {
            double value = schedule.valueAt(step);
            assertTrue(value >= 0 && schedule.valueAt(step + 1) <= value,
                    schedule + " at " + step);
            assertEquals(initial, schedule.valueAt(0));
        }
    }

    private static void assertClose(double want, double got) {
        assertTrue(Math.abs(got - want) <= 1e-12 * Math.abs(want) + 1e-300,
                "want " + want + ", got " + got);
    }
}
