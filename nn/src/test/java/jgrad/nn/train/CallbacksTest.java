package jgrad.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Maps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import jgrad.core.DType;
import jgrad.core.Params;
import jgrad.datasets.Datasets;
import jgrad.datasets.Split;
import jgrad.nn.Activation;
import jgrad.nn.Layer;
import jgrad.nn.Mlp;
import jgrad.nn.Sequential;
import jgrad.nn.io.Checkpoint;
import jgrad.nn.losses.Losses;
import jgrad.nn.optim.AdamState;
import jgrad.nn.optim.ChainState;
import jgrad.nn.optim.GradientTransformation;
import jgrad.nn.optim.Optimizers;
import jgrad.nn.optim.Schedule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training loop's callbacks on iris (split 90 / 30 / 30 with seed 0, standardised): the stop
 * on a non-finite loss, early stopping, periodic checkpoints, learning-rate schedules, the progress
 * bar; and the same loop in float32 and float64.
 */
class CallbacksTest {

    private static Split iris;

    @TempDir
    Path folder;

    @BeforeAll
    static void load() {
        iris = Split.of(Datasets.iris(), new SplittableRandom(0), 0.6, 0.2, 0.2).standardized();
    }

    private static Sequential model() {
        return Mlp.init(new SplittableRandom(0), Activation.RELU, 4, 8, 3);
    }

    private static Fit fit(Layer model, GradientTransformation<?> optimizer,
            TrainingSettings settings, List<Callback> callbacks) {
        return Trainer.fit(model, Losses::softmaxCrossEntropy, optimizer, iris.train(),
                iris.validation(), settings, callbacks);
    }

    // ---------------------------------------------------------------- NaN and infinity

    @Test
    void aNanLossStopsTrainingNamingTheEpochAndBatchWithTheParametersBeforeIt() {
        // 90 training samples in batches of 32: 3 batches per epoch; the 5th training batch
        // (epoch 2, batch 2, after 4 updates) gets a NaN loss.
        AtomicInteger trainingCalls = new AtomicInteger();
        Loss poisoned = (outputs, labels) -> {
            boolean training = outputs.isTraced();
            if (training && trainingCalls.incrementAndGet() == 5) {
                return Losses.softmaxCrossEntropy(outputs, labels).mul(Double.NaN);
            }
            return Losses.softmaxCrossEntropy(outputs, labels);
        };
        TrainingSettings settings = new TrainingSettings(5, 32, 3);
        Fit fit = Trainer.fit(model(), poisoned, Optimizers.sgd(0.1), iris.train(),
                iris.validation(), settings, List.of());
        assertEquals(Optional.of("the training loss is NaN at epoch 2, batch 2 of 3 (step 4);"
                + " training stopped before that batch's update, so the model has the parameters"
                + " of the step before. A learning rate too high for the data, or a log of 0 or a"
                + " division by 0 in the loss, are the usual causes"),
                fit.history().stopReason());
        assertEquals(1, fit.history().size());
        assertTrue(fit.history().table().contains("stopped: the training loss is NaN at epoch 2"));
        // the same 4 updates without the poison: bit-identical parameters
        Fit fourSteps = fit(model(), Optimizers.sgd(0.1), settings, List.of(new Callback() {
            @Override
            public Decision afterBatch(BatchEnd batch) {
                return batch.step() == 4 ? Decision.stop("four updates") : Decision.proceed();
            }
        }));
        assertTrue(fit.model().params().allClose(fourSteps.model().params(), 0, 0));
    }

    @Test
    void withTheStopOffADivergingRunTrainsEveryEpochAndRecordsTheNan() {
        AtomicInteger trainingCalls = new AtomicInteger();
        Loss poisoned = (outputs, labels) -> outputs.isTraced()
                && trainingCalls.incrementAndGet() == 2
                ? Losses.softmaxCrossEntropy(outputs, labels).mul(Double.POSITIVE_INFINITY)
                : Losses.softmaxCrossEntropy(outputs, labels);
        Fit fit = Trainer.fit(model(), poisoned, Optimizers.sgd(0.1), iris.train(),
                iris.validation(), new TrainingSettings(3, 32, 3).withStopOnNonFiniteLoss(false),
                List.of());
        assertEquals(3, fit.history().size());
        assertEquals(Optional.empty(), fit.history().stopReason());
        assertFalse(Double.isFinite(fit.history().epochs().get(0).trainLoss()));
    }

    // ---------------------------------------------------------------- early stopping

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestEpochsParameters() {
        // minDelta 10: only epoch 1 can improve (on +Inf), so epochs 2, 3, 4 do not, and with
        // patience 3 training stops after epoch 4 with epoch 1's parameters.
        TrainingSettings settings = new TrainingSettings(20, 16, 1);
        Fit stopped = fit(model(), Optimizers.adam(0.01), settings,
                List.of(new EarlyStopping(Monitor.VALIDATION_LOSS, 3, 10.0, true)));
        assertEquals(4, stopped.history().size());
        String reason = stopped.history().stopReason().orElseThrow();
        assertTrue(reason.startsWith("early stopping: validation loss has not improved by more"
                + " than 10.0 for 3 epochs since epoch 1 ("), reason);
        Fit oneEpoch = fit(model(), Optimizers.adam(0.01), new TrainingSettings(1, 16, 1),
                List.of());
        assertTrue(stopped.model().params().allClose(oneEpoch.model().params(), 0, 0));
        // without restoring, the model is the last epoch's
        Fit kept = fit(model(), Optimizers.adam(0.01), settings,
                List.of(new EarlyStopping(Monitor.VALIDATION_LOSS, 3, 10.0, false)));
        Fit fourEpochs = fit(model(), Optimizers.adam(0.01), new TrainingSettings(4, 16, 1),
                List.of());
        assertTrue(kept.model().params().allClose(fourEpochs.model().params(), 0, 0));
    }

    @Test
    void earlyStoppingIsAPureFunctionOfTheHistory() {
        EarlyStopping stopping = new EarlyStopping(Monitor.VALIDATION_ACCURACY, 2, 0.01, true);
        History history = History.empty()
                .plus(new EpochRecord(1, 1, 1, 0.50))
                .plus(new EpochRecord(2, 1, 1, 0.70))
                .plus(new EpochRecord(3, 1, 1, 0.705))   // not by more than 0.01
                .plus(new EpochRecord(4, 1, 1, 0.60));
        assertEquals(2, stopping.bestEpoch(history));
        Layer model = model();
        assertTrue(stopping.afterEpoch(end(history, 2, model)).keepParams());
        assertFalse(stopping.afterEpoch(end(history, 3, model)).stops());
        Decision fourth = stopping.afterEpoch(end(history, 4, model));
        assertEquals(Optional.of("early stopping: validation accuracy has not improved by more"
                + " than 0.01 for 2 epochs since epoch 2 (0.70000)"), fourth.stopReason());
        History nans = History.empty().plus(new EpochRecord(1, 1, Double.NaN, 0))
                .plus(new EpochRecord(2, 1, Double.NaN, 0));
        assertEquals(0, EarlyStopping.on(Monitor.VALIDATION_LOSS, 2).bestEpoch(nans));
        assertTrue(EarlyStopping.on(Monitor.VALIDATION_LOSS, 2).afterEpoch(end(nans, 2, model))
                .stops());
    }

    private static EpochEnd end(History history, int epoch, Layer model) {
        History upTo = new History(history.epochs().subList(0, epoch));
        return new EpochEnd(upTo.last(), upTo, model, new Object(), epoch);
    }

    @Test
    void twoCallbacksRestoringParametersAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fit(model(), Optimizers.sgd(0.1), new TrainingSettings(1, 16, 0),
                        List.of(EarlyStopping.on(Monitor.VALIDATION_LOSS, 1),
                                EarlyStopping.on(Monitor.VALIDATION_ACCURACY, 1))));
        assertTrue(e.getMessage().startsWith("fit: two callbacks restore kept parameters"),
                e.getMessage());
    }

    // ---------------------------------------------------------------- checkpoints

    @Test
    void periodicCheckpointsSaveParametersOptimizerStateAndTheEpochsNumbers() throws Exception {
        PeriodicCheckpoint every2 = new PeriodicCheckpoint(folder.resolve("run"), 2);
        GradientTransformation<ChainState> adam = Optimizers.adam(0.01);
        Fit fit = fit(model(), adam, new TrainingSettings(5, 16, 1), List.of(every2));
        try (var files = Files.list(folder.resolve("run"))) {
            assertEquals(List.of("epoch-0002.safetensors", "epoch-0004.safetensors"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Checkpoint fourth = Checkpoint.load(every2.file(4));
        Fit fourEpochs = fit(model(), adam, new TrainingSettings(4, 16, 1), List.of());
        assertTrue(fourth.restore(model()).params().allClose(fourEpochs.model().params(), 0, 0));
        EpochRecord record = fit.history().epochs().get(3);
        assertEquals("4", fourth.metadata().get("epoch"));
        assertEquals("24", fourth.metadata().get("step")); // 90 samples in batches of 16: 6 a epoch
        assertEquals(record.validationLoss(),
                Double.parseDouble(fourth.metadata().get("validation_loss")));
        ChainState state = fourth.optimizerState(adam);
        assertEquals(24, ((AdamState) state.states().get(0)).count());
    }

    // ---------------------------------------------------------------- learning-rate schedules

    @Test
    void aScheduleFactorScalesTheLearningRate() {
        TrainingSettings settings = new TrainingSettings(3, 16, 1);
        Fit halved = fit(model(), Optimizers.sgd(0.1), settings,
                List.of(LearningRateSchedule.perEpoch(Schedule.constant(0.5))));
        Fit direct = fit(model(), Optimizers.sgd(0.05), settings, List.of());
        assertTrue(halved.model().params().allClose(direct.model().params(), 0, 0));
        // per step: 1 for the first 4 updates, then 0: the model of 4 updates
        Fit frozen = fit(model(), Optimizers.adam(0.01), settings,
                List.of(LearningRateSchedule.perStep(step -> step < 4 ? 1 : 0)));
        Fit fourSteps = fit(model(), Optimizers.adam(0.01), settings, List.of(new Callback() {
            @Override
            public Decision afterBatch(BatchEnd batch) {
                return batch.step() == 4 ? Decision.stop("four updates") : Decision.proceed();
            }
        }));
        assertTrue(frozen.model().params().allClose(fourSteps.model().params(), 0, 0));
        // per epoch counts from 0 in the first epoch; per step from 0 at the first update
        LearningRateSchedule halving = LearningRateSchedule.perEpoch(Schedule.stepDecay(1, 0.5, 1));
        assertEquals(1.0, halving.learningRateFactor(1, 99));
        assertEquals(0.25, halving.learningRateFactor(3, 0));
        assertEquals(0.5, LearningRateSchedule.perStep(Schedule.stepDecay(1, 0.5, 10))
                .learningRateFactor(1, 10));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> fit(model(), Optimizers.sgd(0.1), settings,
                        List.of(LearningRateSchedule.perStep(step -> step == 7 ? -1 : 1))));
        assertTrue(e.getMessage().startsWith("learningRateSchedule: the schedule gave -1.0 at"
                + " epoch 2, step 7"), e.getMessage());
    }

    // ---------------------------------------------------------------- progress bar

    @Test
    void theProgressBarShowsEachEpochWithTheRunningLoss() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        fit(model(), Optimizers.adam(0.01), new TrainingSettings(2, 16, 1),
                List.of(new TrainingProgress(out, 100, 2)));
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("epoch 1/2"), shown);
        assertTrue(shown.contains("epoch 2/2"), shown);
        assertTrue(shown.contains("6/6"), shown);
        assertTrue(shown.matches("(?s).*loss \\d\\.\\d{5}.*"), shown);
    }

    @Test
    void noProgressBarIsDrawnWhenOutputIsNotATerminal() {
        assertNull(System.console(), "tests run without a terminal");
        TrainingSettings settings = new TrainingSettings(1, 16, 0);
        assertEquals(ImmutableList.of(StopOnNonFiniteLoss.class),
                CallbackList.of(List.of(), settings).callbacks().stream()
                        .map(Object::getClass).toList());
        assertEquals(ImmutableList.of(), CallbackList.of(List.of(), settings
                .withStopOnNonFiniteLoss(false).withProgressBar(true)).callbacks());
    }

    @Test
    void theSystemPropertyJgradProgressTurnsTheBarOffOrOn() {
        TrainingSettings on = new TrainingSettings(1, 16, 0);
        TrainingSettings off = on.withProgressBar(false);
        // unset, blank or auto: a terminal decides
        assertTrue(TrainingProgress.shown(on, null, true));
        assertFalse(TrainingProgress.shown(on, null, false));
        assertTrue(TrainingProgress.shown(on, "auto", true));
        assertTrue(TrainingProgress.shown(on, " ", true));
        // false: never (logs, CI); true: even without a terminal
        assertFalse(TrainingProgress.shown(on, "false", true));
        assertFalse(TrainingProgress.shown(on, "FALSE", true));
        assertTrue(TrainingProgress.shown(on, "true", false));
        // the settings' own switch still wins
        assertFalse(TrainingProgress.shown(off, "true", true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingProgress.shown(on, "0", true));
        assertEquals("fit: the system property jgrad.progress must be true, false or auto, got"
                + " '0'", e.getMessage());
        // read by fit through CallbackList, here without a terminal
        String saved = System.getProperty(TrainingProgress.PROPERTY);
        try {
            System.setProperty(TrainingProgress.PROPERTY, "true");
            assertEquals(ImmutableList.of(TrainingProgress.class), CallbackList.of(List.of(),
                    on.withStopOnNonFiniteLoss(false)).callbacks().stream()
                    .map(Object::getClass).toList());
            System.setProperty(TrainingProgress.PROPERTY, "false");
            assertEquals(ImmutableList.of(), CallbackList.of(List.of(),
                    on.withStopOnNonFiniteLoss(false)).callbacks());
        } finally {
            if (saved == null) {
                System.clearProperty(TrainingProgress.PROPERTY);
            } else {
                System.setProperty(TrainingProgress.PROPERTY, saved);
            }
        }
    }

    // ---------------------------------------------------------------- dtypes

    @Test
    void theSameLoopTrainsInFloat32AndFloat64() {
        Sequential wide = model();
        Layer narrow = wide.withParams(wide.params().map(t -> t.cast(DType.FLOAT32)));
        TrainingSettings settings = new TrainingSettings(15, 16, 1);
        Fit double64 = fit(wide, Optimizers.adam(0.01), settings, List.of());
        Fit single32 = fit(narrow, Optimizers.adam(0.01), settings, List.of());
        Params trained = single32.model().params();
        trained.asMap().values().forEach(t -> assertEquals(DType.FLOAT32, t.dtype()));
        for (int i = 0; i < 15; i++) {
            EpochRecord a = double64.history().epochs().get(i);
            EpochRecord b = single32.history().epochs().get(i);
            assertEquals(a.trainLoss(), b.trainLoss(), 1e-4 * Math.max(1, a.trainLoss()));
            assertEquals(a.validationLoss(), b.validationLoss(), 1e-4);
        }
        assertTrue(double64.model().params().allClose(
                trained.map(t -> t.cast(DType.FLOAT64)), 1e-3, 1e-4));
        assertTrue(single32.history().last().validationLoss()
                < 0.6 * single32.history().epochs().get(0).validationLoss(),
                single32.history().table());
    }

    @Test
    void parametersOfMixedDtypesAreRefused() {
        Sequential model = model();
        Params mixed = Params.copyOf(Maps.transformEntries(model.params().asMap(),
                (path, t) -> path.startsWith("2.") ? t.cast(DType.FLOAT32) : t));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fit(model.withParams(mixed), Optimizers.sgd(0.1),
                        new TrainingSettings(1, 16, 0), List.of()));
        assertEquals("fit: the parameters mix dtypes (2.weight is float32, an earlier one"
                + " float64); cast them to one", e.getMessage());
    }
}
