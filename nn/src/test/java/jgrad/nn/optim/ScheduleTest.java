package jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.stream.Stream;
import jgrad.core.Params;
import jgrad.core.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ScheduleTest {

    /** The schedules of the fixture script, by name, with the same settings. */
    static final ImmutableMap<String, Schedule> CASES = ImmutableMap.<String, Schedule>builder()
            .put("step_decay", Schedule.stepDecay(0.1, 0.1, 3))
            .put("multi_step_decay", Schedule.multiStepDecay(0.3, 0.5, 2, 5, 9))
            .put("exponential_decay", Schedule.exponentialDecay(0.1, 0.9))
            .put("cosine_annealing", Schedule.cosineAnnealing(0.5, 10, 0.01))
            .put("cosine_warm_restarts_mult_2",
                    Schedule.cosineAnnealingWarmRestarts(0.5, 3, 2, 0.01))
            .put("cosine_warm_restarts_mult_1", Schedule.cosineAnnealingWarmRestarts(0.5, 4, 1, 0))
            .put("linear_warmup", Schedule.linearWarmup(0.1, 4))
            .put("linear", Schedule.linear(0.4, 0.04, 8))
            .put("polynomial", Schedule.polynomial(0.2, 0, 2, 8))
            .put("one_cycle", Schedule.oneCycle(1.0, 20))
            .put("one_cycle_linear_three_phase",
                    Schedule.oneCycle(0.5, 23, 0.25, Schedule.Anneal.LINEAR, 10, 100, true))
            .put("join_warmup_exponential", Schedule.join(
                    List.of(Schedule.linearWarmup(0.1, 4), Schedule.exponentialDecay(0.1, 0.9)),
                    4))
            .buildOrThrow();

    static final ImmutableMap<String, double[]> FIXTURES = Fixtures.schedules();

    @TestFactory
    Stream<DynamicTest> everyScheduleMatchesPyTorchsLearningRates() {
        assertTrue(FIXTURES.keySet().containsAll(CASES.keySet()));
        return CASES.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(),
                () -> {
                    double[] want = FIXTURES.get(entry.getKey());
                    for (int step = 0; step < want.length; step++) {
                        double got = entry.getValue().valueAt(step);
                        if (!(Math.abs(got - want[step]) <= 1e-15 + 1e-12 * want[step])) {
                            fail(String.format("%s at step %d: got %s, PyTorch %s",
                                    entry.getKey(), step, got, want[step]));
                        }
                    }
                }));
    }

    // ---------------------------------------------------------------- N18 and siblings

    @Test
    void n18StepDecayLandsAtStepsThreeSixAndNine() {
        // Initial 0.1, factor 0.1, step size 3: the update with index t uses valueAt(t), so the
        // 4th update (t = 3) is the first at 0.01.
        Schedule schedule = Schedule.stepDecay(0.1, 0.1, 3);
        double[] rates = {0.1, 0.1, 0.1, 0.010000000000000002, 0.010000000000000002,
            0.010000000000000002, 0.0010000000000000002, 0.0010000000000000002,
            0.0010000000000000002, 0.00010000000000000003};
        for (int t = 0; t < rates.length; t++) {
            assertEquals(rates[t], schedule.valueAt(t), 1e-12 * rates[t], "step " + t);
        }
        // SGD on f(w) = w (gradient 1) from w0 = 0.
        double[] weights = {-0.1, -0.2, -0.30000000000000004, -0.31000000000000005,
            -0.32000000000000006, -0.33000000000000007, -0.33100000000000007};
        double[] got = runWithGradientOne(Optimizers.sgd(schedule), weights.length);
        for (int i = 0; i < weights.length; i++) {
            assertEquals(weights[i], got[i], 1e-12 * Math.abs(weights[i]), "update " + (i + 1));
        }
    }

    @Test
    void multiStepDecayLandsOnEachMilestoneAndNotOneStepEarly() {
        // Milestones 2 and 5, factor 0.5 from 0.4: updates t = 0, 1 at 0.4; t = 2..4 at 0.2;
        // t >= 5 at 0.1. SGD with gradient 1 from 0: -0.4, -0.8, -1.0, -1.2, -1.4, -1.5.
        Schedule schedule = Schedule.multiStepDecay(0.4, 0.5, 2, 5);
        assertEquals(0.4, schedule.valueAt(1));
        assertEquals(0.2, schedule.valueAt(2));
        assertEquals(0.2, schedule.valueAt(4));
        assertEquals(0.1, schedule.valueAt(5));
        assertEquals(0.1, schedule.valueAt(1000));
        double[] got = runWithGradientOne(Optimizers.sgd(schedule), 6);
        double[] want = {-0.4, -0.8, -1.0, -1.2, -1.4, -1.5};
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-12, "update " + (i + 1));
        }
    }

    @Test
    void aScheduleCountedInEpochsDecaysAtTheFirstUpdateOfTheEpoch() {
        // StepLR(step_size=2) stepped per epoch, 3 batches per epoch: epochs 0-1 (updates 0-5)
        // at 1, epochs 2-3 (updates 6-11) at 0.5.
        Schedule schedule = Schedule.stepDecay(1, 0.5, 2).inEpochs(3);
        assertEquals(1.0, schedule.valueAt(5));
        assertEquals(0.5, schedule.valueAt(6));
        assertEquals(0.5, schedule.valueAt(11));
        assertEquals(0.25, schedule.valueAt(12));
        assertEquals("stepDecay(1.0, 0.5, 2).inEpochs(3)", schedule.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> schedule.inEpochs(0));
        assertEquals("inEpochs: stepsPerEpoch must be >= 1, got 0", e.getMessage());
    }

    // ---------------------------------------------------------------- N19 and siblings

    @Test
    void n19CosineAnnealingReachesItsMinimumAtTheEndAndHoldsIt() {
        Schedule schedule = Schedule.cosineAnnealing(0.5, 5, 0);
        double[] want = {0.5, 0.45225424859373686, 0.32725424859373686, 0.17274575140626316,
            0.047745751406263165, 0};
        for (int t = 0; t < want.length; t++) {
            assertEquals(want[t], schedule.valueAt(t), 1e-15 + 1e-12 * want[t], "step " + t);
        }
        // Held at eta_min after T (Optax); torch's CosineAnnealingLR would give 0.0477... at 6.
        for (long t : new long[] {6, 7, 10, 1_000_000}) {
            assertEquals(0.0, schedule.valueAt(t), 1e-15, "step " + t);
        }
    }

    @Test
    void n19LinearWarmupGivesTheFirstUpdateANonZeroRate() {
        Schedule schedule = Schedule.linearWarmup(0.1, 4);
        double[] want = {0.025, 0.05, 0.07500000000000001, 0.1, 0.1, 0.1};
        for (int t = 0; t < want.length; t++) {
            assertEquals(want[t], schedule.valueAt(t), 1e-12 * want[t], "step " + t);
        }
        // The first update moves the parameter.
        assertEquals(-0.025, runWithGradientOne(Optimizers.sgd(schedule), 1)[0], 1e-15);
    }

    @Test
    void oneCycleStartsAtMaxOverDivFactorPeaksAndEndsAtTheMinimum() {
        // total 20, pctStart 0.3: start 1/25 at step 0, 1.0 at step 0.3 * 20 - 1 = 5, min =
        // 0.04 / 1e4 = 4e-6 at step 19 and held after it (torch raises past step 20).
        Schedule schedule = Schedule.oneCycle(1.0, 20);
        assertEquals(0.04, schedule.valueAt(0), 1e-15);
        assertEquals(1.0, schedule.valueAt(5), 1e-15);
        assertTrue(schedule.valueAt(4) < 1.0 && schedule.valueAt(6) < 1.0);
        assertEquals(4e-6, schedule.valueAt(19), 1e-18);
        assertEquals(4e-6, schedule.valueAt(20), 1e-18);
        assertEquals(4e-6, schedule.valueAt(1000), 1e-18);
    }

    @Test
    void warmRestartsRestartAtEachPeriodAndNeverReachTheMinimum() {
        // Periods 3, 6, 12 from 0: restarts at steps 3, 9, 21.
        Schedule schedule = Schedule.cosineAnnealingWarmRestarts(0.5, 3, 2, 0.01);
        for (long restart : new long[] {0, 3, 9, 21}) {
            assertEquals(0.5, schedule.valueAt(restart), 1e-15, "step " + restart);
            if (restart > 0) {
                assertTrue(schedule.valueAt(restart - 1) > 0.01, "step " + (restart - 1));
            }
        }
    }

    @Test
    void joinStartsEachScheduleAtItsOwnStepZero() {
        Schedule joined = Schedule.join(List.of(Schedule.constant(1), Schedule.linear(2, 0, 4),
                Schedule.constant(7)), 3, 5);
        double[] want = {1, 1, 1, 2, 1.5, 7, 7};
        for (int t = 0; t < want.length; t++) {
            assertEquals(want[t], joined.valueAt(t), 1e-15, "step " + t);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schedule.join(List.of(Schedule.constant(1)), 3));
        assertEquals("join: 1 schedules need 0 boundaries, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedule.join(
                List.of(Schedule.constant(1), Schedule.constant(2), Schedule.constant(3)), 5, 5));
        assertEquals("join: boundaries must be increasing and >= 1, got [5, 5]", e.getMessage());
    }

    // ---------------------------------------------------------------- errors and descriptions

    @Test
    void badArgumentsAreRefusedNamingTheScheduleAndTheValue() {
        assertMessage("constant: value must be finite, got NaN",
                () -> Schedule.constant(Double.NaN));
        assertMessage("multiStepDecay: milestones must be increasing and >= 1, got [5, 2]",
                () -> Schedule.multiStepDecay(0.1, 0.5, 5, 2));
        assertMessage("exponentialDecay: factor must be in (0, 1], got 1.5",
                () -> Schedule.exponentialDecay(0.1, 1.5));
        assertMessage("cosineAnnealing: period must be >= 1, got 0",
                () -> Schedule.cosineAnnealing(0.1, 0, 0));
        assertMessage("cosineAnnealingWarmRestarts: minimum must be finite, got Infinity",
                () -> Schedule.cosineAnnealingWarmRestarts(0.1, 3, 2, Double.POSITIVE_INFINITY));
        assertMessage("linearWarmup: warmupSteps must be >= 1, got 0",
                () -> Schedule.linearWarmup(0.1, 0));
        assertMessage("polynomial: power must be positive and finite, got 0.0",
                () -> Schedule.polynomial(0.1, 0, 0, 10));
        assertMessage("oneCycle: pctStart must be in (0, 1), got 1.0",
                () -> Schedule.oneCycle(1, 10, 1.0, Schedule.Anneal.COSINE, 25, 1e4, false));
    }

    @Test
    void aScheduleGivingANegativeRateStopsTheOptimiserNamingTheStep() {
        // A cosine "annealing" to a negative minimum is a valid schedule but not a learning rate.
        Schedule schedule = Schedule.cosineAnnealing(0.1, 4, -0.1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> runWithGradientOne(Optimizers.rmsprop(schedule, 0.99, 1e-8, 0, 0, false),
                        5));
        assertEquals("rmsprop: the learning-rate schedule gave -0.07071067811865475 at step 3",
                e.getMessage());
    }

    @Test
    void schedulesDescribeThemselves() {
        assertEquals("cosineAnnealing(0.1, 100, 0.0)",
                Schedule.cosineAnnealing(0.1, 100, 0).toString());
        assertEquals("sgd(learningRate=stepDecay(0.1, 0.5, 10))",
                Optimizers.sgd(Schedule.stepDecay(0.1, 0.5, 10)).toString());
        assertEquals("join([linearWarmup(0.1, 4), constant(0.1)], [4])", Schedule.join(
                List.of(Schedule.linearWarmup(0.1, 4), Schedule.constant(0.1)), 4).toString());
    }

    private static void assertMessage(String message, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(message, e.getMessage());
    }

    /** Runs {@code optimizer} on f(w) = w from w0 = 0; w after each update. */
    static <S> double[] runWithGradientOne(GradientTransformation<S> optimizer, int updates) {
        Params params = Params.of("w", Tensor.scalar(0));
        S state = optimizer.init(params);
        double[] trajectory = new double[updates];
        for (int i = 0; i < updates; i++) {
            Update<S> update = optimizer.update(Params.of("w", Tensor.scalar(1)), state, params);
            params = params.plus(update.updates());
            state = update.state();
            trajectory[i] = params.get("w").item();
        }
        return trajectory;
    }
}
