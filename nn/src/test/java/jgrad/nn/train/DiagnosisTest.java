package jgrad.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import jgrad.datasets.Datasets;
import jgrad.datasets.Split;
import jgrad.nn.Mlp;
import jgrad.nn.optim.Optimizers;
import org.junit.jupiter.api.Test;

/**
 * The fitting-regime diagnosis: on the four runs of {@code learning-curves.jsh} (recorded in
 * {@code learning-curves-histories.csv} by {@code learning-curves-histories.jsh}), and on made-up
 * curves just either side of each default threshold.
 */
class DiagnosisTest {

    @Test
    void theTutorialsRunsGetTheTutorialsVerdicts() throws IOException {
        Map<String, History> runs = learningCurves();
        // 2 hidden units: both losses flatten high (train 0.75, validation 0.96 at best)
        assertEquals(FittingRegime.UNDER_FITTING, runs.get("narrow").diagnose().regime());
        // 32 hidden units: validation loss lowest at epoch 23, then creeps up by 9 %
        Diagnosis wide = runs.get("wide").diagnose();
        assertEquals(FittingRegime.GOOD_FIT, wide.regime(), wide.explanation());
        assertEquals(23, wide.bestEpoch());
        // 128 hidden units on 20 % wrong labels: U-shaped validation loss from epoch 11
        Diagnosis memoriser = runs.get("memoriser").diagnose();
        assertEquals(FittingRegime.OVER_FITTING, memoriser.regime());
        assertEquals(11, memoriser.bestEpoch());
        assertEquals(OptionalInt.of(12), memoriser.overfittingFrom());
        assertTrue(memoriser.explanation().startsWith("over-fitting: the validation loss fell to"
                + " 0.46510 at epoch 11 and began to rise at epoch 12, ending 72 % higher"),
                memoriser.explanation());
        // the same with weight decay: training loss stays high (wrong labels are not learnt),
        // validation loss stays near its lowest
        assertEquals(FittingRegime.GOOD_FIT, runs.get("decayed").diagnose().regime());
    }

    @Test
    void overFittingNeedsAValidationRiseAboveTheThreshold() {
        // training loss 2 -> 0.1; validation lowest 0.4 at epoch 5, then rising to the end
        assertEquals(FittingRegime.OVER_FITTING, uShaped(1.26).diagnose().regime());
        assertEquals(OptionalInt.of(6), uShaped(1.26).diagnose().overfittingFrom());
        assertEquals(FittingRegime.GOOD_FIT, uShaped(1.24).diagnose().regime());
        // a larger tolerance
        assertEquals(FittingRegime.GOOD_FIT, Diagnosis.of(uShaped(1.26),
                new DiagnosisThresholds(0.1, 0.3, 0.35, 0.05)).regime());
    }

    @Test
    void aRiseInTheLastEpochOnlyOrWithTheTrainingLossRisingIsNotOverFitting() {
        // the minimum in the final window: one noisy epoch is not a trend
        History late = curves(new double[] {2, 1.5, 1.2, 1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25},
                new double[] {1.5, 1.2, 1.0, 0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.9});
        assertEquals(FittingRegime.GOOD_FIT, late.diagnose().regime(),
                late.diagnose().explanation());
        // both losses rising: divergence, not over-fitting
        History diverging = curves(new double[] {2, 1.5, 1.0, 0.5, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9},
                new double[] {1.5, 1.0, 0.6, 0.4, 0.35, 0.45, 0.55, 0.6, 0.65, 0.7});
        assertTrue(diverging.diagnose().regime() != FittingRegime.OVER_FITTING);
    }

    @Test
    void underFittingWhenEvenTheBestValidationLossStaysHigh() {
        // first training loss 2; the best validation loss at 36 % and 34 % of it, flat curves
        assertEquals(FittingRegime.UNDER_FITTING, flat(0.72).diagnose().regime());
        assertTrue(flat(0.72).diagnose().explanation().startsWith("under-fitting: even the lowest"
                + " validation loss, 0.72000 at epoch"), flat(0.72).diagnose().explanation());
        assertEquals(FittingRegime.GOOD_FIT, flat(0.68).diagnose().regime());
    }

    @Test
    void underFittingWhenTheTrainingLossIsStillFallingAtTheEnd() {
        // 20 epochs, windows of 2: the training loss falls by 6 % or 4 % of epoch 1's loss (2)
        // between the last two windows
        assertEquals(FittingRegime.UNDER_FITTING, stillFalling(0.06).diagnose().regime());
        assertTrue(stillFalling(0.06).diagnose().explanation().contains("train for more epochs"));
        assertEquals(FittingRegime.GOOD_FIT, stillFalling(0.04).diagnose().regime());
    }

    @Test
    void aRunWhoseLossBecomesNanIsDivergedFromThatEpochWithAdvice() {
        History nan = curves(new double[] {2, 1, Double.NaN}, new double[] {1, 0.5, Double.NaN});
        Diagnosis diagnosis = nan.diagnose();
        assertEquals(FittingRegime.DIVERGED, diagnosis.regime());
        assertEquals(OptionalInt.of(3), diagnosis.divergedFrom());
        assertEquals(OptionalInt.empty(), diagnosis.overfittingFrom());
        assertEquals("diverged from epoch 3: the training loss is NaN in epoch 3; the training"
                + " loss was lowest (1.00000) at epoch 2; this is not under- or over-fitting:"
                + " lower the learning rate, clip the gradients (Optimizers.clipByGlobalNorm), or"
                + " look for a log of 0 or a division by 0 in the loss", diagnosis.explanation());
        // an infinite validation loss alone is divergence too
        History infinite = curves(new double[] {2, 1, 0.5},
                new double[] {1, Double.POSITIVE_INFINITY, 0.4});
        assertEquals(FittingRegime.DIVERGED, infinite.diagnose().regime());
        assertEquals(OptionalInt.of(2), infinite.diagnose().divergedFrom());
    }

    @Test
    void aTrainingLossGrowingByOrdersOfMagnitudeIsDivergedNotUnderFitting() {
        // lowest training loss 0.8 at epoch 3, then 5, 60 (75 times the lowest), 900
        History exploding = curves(new double[] {2, 1, 0.8, 5, 60, 900},
                new double[] {1.5, 0.9, 0.7, 6, 70, 1000});
        Diagnosis diagnosis = exploding.diagnose();
        assertEquals(FittingRegime.DIVERGED, diagnosis.regime(), diagnosis.explanation());
        assertEquals(OptionalInt.of(4), diagnosis.divergedFrom());
        assertTrue(diagnosis.explanation().startsWith("diverged from epoch 4: the training loss"
                + " grew to 60.000 in epoch 5, 75.0 times its lowest"), diagnosis.explanation());
        // the same run with its blow-up 9 times the lowest (below the default factor 10)
        History rising = curves(new double[] {2, 1, 0.8, 5, 7.2, 7.2},
                new double[] {1.5, 0.9, 0.7, 6, 7, 7});
        assertTrue(rising.diagnose().regime() != FittingRegime.DIVERGED);
        // ... and diverged with a factor of 8
        assertEquals(FittingRegime.DIVERGED, Diagnosis.of(rising,
                new DiagnosisThresholds(0.1, 0.25, 0.35, 0.05, 8)).regime());
        // a loss that explodes from the first epoch on
        History fromTheStart = curves(new double[] {2, 30, 4000}, new double[] {3, 50, 5000});
        assertEquals(OptionalInt.of(2), fromTheStart.diagnose().divergedFrom());
    }

    @Test
    void aValidationLossRisingTenfoldWhileTheTrainingLossFallsIsStillOverFitting() {
        History memorising = curves(new double[] {2, 1.5, 1.0, 0.7, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05},
                new double[] {1.2, 0.9, 0.6, 0.45, 0.4, 0.8, 1.5, 2.5, 3.5, 4.5});
        assertEquals(FittingRegime.OVER_FITTING, memorising.diagnose().regime());
    }

    @Test
    void aRunStoppedOnANanBatchLossIsDivergedInTheEpochThatWasNotRecorded() {
        String reason = StopOnNonFiniteLoss.TRAINING_REASON + "NaN at epoch 3, batch 2 of 3"
                + " (step 8); training stopped before that batch's update";
        History stopped = curves(new double[] {2, 1}, new double[] {1, 0.5})
                .withStopReason(reason);
        assertEquals(FittingRegime.DIVERGED, stopped.diagnose().regime());
        assertEquals(OptionalInt.of(3), stopped.diagnose().divergedFrom());
        assertTrue(stopped.diagnose().explanation().contains(reason));
        // stopped in epoch 2: one record is enough to say so
        History early = curves(new double[] {2}, new double[] {1}).withStopReason(reason);
        assertEquals(FittingRegime.DIVERGED, early.diagnose().regime());
        // stopped in epoch 1: no record at all
        assertEquals(OptionalInt.of(1), History.empty().withStopReason(reason).diagnose()
                .divergedFrom());
        // another stop (early stopping) says nothing about divergence
        assertEquals(FittingRegime.GOOD_FIT, flat(0.68).withStopReason("patience").diagnose()
                .regime());
    }

    @Test
    void aHistoryOfOneEpochIsTooFewToJudgeRatherThanAnError() {
        Diagnosis one = curves(new double[] {1}, new double[] {0.9}).diagnose();
        assertEquals(FittingRegime.TOO_FEW_EPOCHS, one.regime());
        assertEquals(1, one.bestEpoch());
        assertEquals("too few epochs to judge: 1 recorded (training loss 1.00000, validation loss"
                + " 0.90000), and the regimes are read from the trend of at least 2; train for"
                + " more epochs", one.explanation());
        assertEquals(FittingRegime.TOO_FEW_EPOCHS, History.empty().diagnose().regime());
        assertEquals(0, History.empty().diagnose().bestEpoch());
        assertThrows(IllegalArgumentException.class,
                () -> new DiagnosisThresholds(0.1, 0.25, 0.35, 0.05, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new DiagnosisThresholds(0.1, 0.25, 0.35, 0.05, 10, 1));
    }

    /**
     * Adam with learning rate 1 on the standardised digits split (Mlp 64-32-10, 10 epochs of 32,
     * seed 0), as run on this code: chance level is ln 10 = 2.3, yet the training loss jumps up
     * and down between 28 and 148 while the validation loss ends 4.6 times its lowest.
     */
    private static final double[] ADAM_1_DIGITS_TRAIN = {148.44209, 90.57622, 62.19017,
        61.57237, 71.37800, 93.84439, 77.42301, 27.79965, 51.12915, 66.68839};
    private static final double[] ADAM_1_DIGITS_VALIDATION = {185.52093, 130.32522, 220.22703,
        172.10257, 108.32012, 296.42475, 397.89027, 429.68079, 523.80015, 502.94673};

    @Test
    void trainingLossesThatJumpUpAreUnstableNotOverFitting() {
        History adam = curves(ADAM_1_DIGITS_TRAIN, ADAM_1_DIGITS_VALIDATION);
        Diagnosis diagnosis = adam.diagnose();
        assertEquals(FittingRegime.UNSTABLE, diagnosis.regime(), diagnosis.explanation());
        // 71.378 -> 93.844 is a 31 % rise (61.572 -> 71.378, 16 %, is below the 30 % jump)
        assertEquals(OptionalInt.of(6), diagnosis.divergedFrom());
        assertEquals(OptionalInt.empty(), diagnosis.overfittingFrom());
        assertTrue(diagnosis.explanation().startsWith("unstable from epoch 6: the training loss"
                + " jumped from 71.37800 to 93.84439 (31 % up) in epoch 6 (3 such jumps in 10"
                + " epochs)"), diagnosis.explanation());
        assertTrue(diagnosis.explanation().contains("lower the learning rate"));
        // with a jump factor above the largest rise (27.8 -> 51.1, 84 %) it reads as before
        assertEquals(FittingRegime.OVER_FITTING, Diagnosis.of(adam,
                new DiagnosisThresholds(0.1, 0.25, 0.35, 0.05, 10, 1.85)).regime());
        // a rise just either side of the factor: 1 -> 1.29 and 1 -> 1.31, over 20 % of t_1 = 2
        assertTrue(curves(new double[] {2, 1.5, 1, 1.29, 1, 0.8},
                new double[] {1.5, 1, 0.8, 0.9, 0.8, 0.7}).diagnose().regime()
                != FittingRegime.UNSTABLE);
        assertEquals(FittingRegime.UNSTABLE, curves(new double[] {2, 1.5, 1, 1.31, 1, 0.8},
                new double[] {1.5, 1, 0.8, 0.9, 0.8, 0.7}).diagnose().regime());
        // a doubling near zero loss (0.001 -> 0.002, 0.05 % of t_1) is jitter, not a jump
        assertEquals(FittingRegime.GOOD_FIT, curves(new double[] {2, 0.5, 0.01, 0.001, 0.002,
            0.001}, new double[] {0.6, 0.3, 0.2, 0.2, 0.2, 0.2}).diagnose().regime());
    }

    @Test
    void adamWithLearningRateTenOnIrisIsUnstable() {
        Split iris = Split.of(Datasets.iris(), new SplittableRandom(0)).standardized();
        History history = Trainer.fit(Mlp.init(new SplittableRandom(0), 4, 16, 3),
                Optimizers.adam(10), iris.train(), iris.validation(),
                new TrainingSettings(10, 32, 0).withProgressBar(false), record -> { })
                .history();
        Diagnosis diagnosis = history.diagnose();
        assertEquals(FittingRegime.UNSTABLE, diagnosis.regime(), history.table() + diagnosis);
    }

    /**
     * SGD with learning rate 10 on digits (as {@link #ADAM_1_DIGITS_TRAIN}), as run on this code:
     * the loss is 1.5e56 after epoch 1 already and infinite in epoch 5.
     */
    @Test
    void aLossThatExplodesWithinTheFirstEpochDivergedFromEpochOneInCompactNumbers() {
        History sgd = curves(new double[] {1.528071833029946e56, 3.1705618692623e120},
                new double[] {3.179579375250612e59, 1.0499144532308387e124});
        Diagnosis diagnosis = sgd.diagnose();
        assertEquals(FittingRegime.DIVERGED, diagnosis.regime());
        assertEquals(OptionalInt.of(1), diagnosis.divergedFrom());
        assertTrue(diagnosis.explanation().startsWith("diverged from epoch 1: the validation loss"
                + " after epoch 1 is 3.17958e+59, 2.08e+03 times the epoch's mean training loss"
                + " 1.52807e+56, so the loss grew within epoch 1; this is not"),
                diagnosis.explanation());
        // one epoch is enough to say so
        assertEquals(OptionalInt.of(1), curves(new double[] {1.528071833029946e56},
                new double[] {3.179579375250612e59}).diagnose().divergedFrom());
        // a validation loss 9 times the first epoch's mean training loss is not enough
        assertEquals(OptionalInt.of(2), curves(new double[] {2, 30, 4000},
                new double[] {18, 50, 5000}).diagnose().divergedFrom());
        // the lowest loss before a later blow-up is printed compactly too
        History late = curves(new double[] {3e6, 2e6, 1e9}, new double[] {3e6, 2e6, 1e9});
        assertTrue(late.diagnose().explanation().endsWith("; the training loss was lowest"
                + " (2.00000e+06) at epoch 2; this is not under- or over-fitting: lower the"
                + " learning rate, clip the gradients (Optimizers.clipByGlobalNorm), or look for"
                + " a log of 0 or a division by 0 in the loss"), late.diagnose().explanation());
        assertTrue(sgd.table().contains("1.52807e+56"), sgd.table());
    }

    /** Training 2 -> 0.1 over 10 epochs; validation down to 0.4 at epoch 5, ending at 0.4 r. */
    private static History uShaped(double rise) {
        double[] train = {2, 1.5, 1.0, 0.7, 0.5, 0.4, 0.3, 0.2, 0.15, 0.1};
        double[] validation = new double[10];
        double[] down = {1.2, 0.9, 0.6, 0.45, 0.4};
        System.arraycopy(down, 0, validation, 0, 5);
        for (int i = 5; i < 10; i++) {
            validation[i] = 0.4 * (1 + (rise - 1) * (i - 4) / 5.0);
        }
        return curves(train, validation);
    }

    /** Training 2 then flat at 0.5; validation flat at {@code level} after epoch 1. */
    private static History flat(double level) {
        double[] train = new double[10];
        double[] validation = new double[10];
        for (int i = 0; i < 10; i++) {
            train[i] = i == 0 ? 2 : 0.5;
            validation[i] = i == 0 ? 1.5 : level;
        }
        return curves(train, validation);
    }

    /** 20 epochs, training 2 then 0.5, the last two epochs {@code drop · 2} lower. */
    private static History stillFalling(double drop) {
        double[] train = new double[20];
        double[] validation = new double[20];
        for (int i = 0; i < 20; i++) {
            train[i] = i == 0 ? 2 : i >= 18 ? 0.5 - 2 * drop : 0.5;
            validation[i] = i == 0 ? 1.5 : 0.5;
        }
        return curves(train, validation);
    }

    private static History curves(double[] train, double[] validation) {
        ImmutableList.Builder<EpochRecord> epochs = ImmutableList.builder();
        for (int i = 0; i < train.length; i++) {
            epochs.add(new EpochRecord(i + 1, train[i], validation[i], 0.5));
        }
        return new History(epochs.build());
    }

    private static Map<String, History> learningCurves() throws IOException {
        Map<String, ImmutableList.Builder<EpochRecord>> runs = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                DiagnosisTest.class.getResourceAsStream("learning-curves-histories.csv"),
                StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split(",");
                runs.computeIfAbsent(cells[0], name -> ImmutableList.builder()).add(
                        new EpochRecord(Integer.parseInt(cells[1]), Double.parseDouble(cells[2]),
                                Double.parseDouble(cells[3]), Double.parseDouble(cells[4])));
            }
        }
        Map<String, History> histories = new LinkedHashMap<>();
        runs.forEach((name, epochs) -> histories.put(name, new History(epochs.build())));
        return histories;
    }
}
