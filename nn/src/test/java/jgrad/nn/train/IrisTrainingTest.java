package jgrad.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.core.Params;
import jgrad.datasets.Datasets;
import jgrad.datasets.Split;
import jgrad.nn.Activation;
import jgrad.nn.Mlp;
import jgrad.nn.Sequential;
import jgrad.nn.optim.Optimizers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: MLPs trained on iris, split 90 / 30 / 30 (train, validation, test) with seed 0 and
 * standardised on the training part. Observed on this split: 0.967 test accuracy for both runs
 * below, in about 0.3 s each; across split seeds 0..7 the Adam run's test accuracy ranges from 0.8
 * to 1.0 (30 samples: one error is 0.033), so the assertions pin seed 0.
 */
class IrisTrainingTest {

    private static Split iris;

    @BeforeAll
    static void load() {
        iris = Split.of(Datasets.iris(), new SplittableRandom(0), 0.6, 0.2, 0.2).standardized();
    }

    @Test
    void mlpTrainedWithAdamReachesNinetyPercentTestAccuracy() {
        Sequential model = Mlp.init(new SplittableRandom(0), Activation.RELU, 4, 16, 3);
        Fit fit = Trainer.fit(model, Optimizers.adam(0.01), iris.train(), iris.validation(),
                new TrainingSettings(40, 16, 1), EpochListener.silent());
        History history = fit.history();
        assertEquals(40, history.size());
        // Chance is 1/3 and the untrained loss about ln 3 = 1.10; training must do much better.
        assertTrue(history.last().validationAccuracy() >= 0.9, history.table());
        assertTrue(testAccuracy(fit) >= 0.9, history.table());
        assertTrue(history.last().trainLoss() < 0.3, history.table());
        assertTrue(history.epochs().get(0).trainLoss() > history.last().trainLoss());
    }

    @Test
    void mlpTrainedWithSgdMomentumAlsoLearns() {
        Sequential model = Mlp.init(new SplittableRandom(0), Activation.TANH, 4, 8, 3);
        Fit fit = Trainer.fit(model, Optimizers.sgd(0.05, 0.9), iris.train(), iris.validation(),
                new TrainingSettings(30, 16, 1), EpochListener.silent());
        assertTrue(fit.history().last().validationAccuracy() >= 0.9, fit.history().table());
        assertTrue(testAccuracy(fit) >= 0.9, fit.history().table());
    }

    @Test
    void equalSeedsGiveIdenticalHistoriesAndModels() {
        Sequential model = Mlp.init(new SplittableRandom(0), Activation.RELU, 4, 8, 3);
        TrainingSettings settings = new TrainingSettings(5, 10, 7);
        Fit a = Trainer.fit(model, Optimizers.adam(0.01), iris.train(), iris.validation(), settings,
                EpochListener.silent());
        Fit b = Trainer.fit(model, Optimizers.adam(0.01), iris.train(), iris.validation(), settings,
                EpochListener.silent());
        assertEquals(a.history(), b.history());
        assertTrue(a.model().params().allClose(b.model().params(), 0, 0));
        Fit other = Trainer.fit(model, Optimizers.adam(0.01), iris.train(), iris.validation(),
                new TrainingSettings(5, 10, 8), EpochListener.silent());
        assertNotEquals(a.history(), other.history());
    }

    @Test
    void fitLeavesTheInputModelUnchangedAndCallsTheListenerOncePerEpoch() {
        Sequential model = Mlp.init(new SplittableRandom(0), Activation.RELU, 4, 8, 3);
        Params before = model.params();
        List<EpochRecord> heard = new ArrayList<>();
        Fit fit = Trainer.fit(model, Optimizers.sgd(0.1), iris.train(), iris.validation(),
                new TrainingSettings(3, 32, 0), heard::add);
        assertTrue(model.params().allClose(before, 0, 0));
        assertTrue(model.params().get("0.weight") == before.get("0.weight"));
        assertEquals(fit.history().epochs(), heard);
        assertEquals(List.of(1, 2, 3), heard.stream().map(EpochRecord::epoch).toList());
        assertTrue(fit.model() instanceof Sequential);
    }

    private static double testAccuracy(Fit fit) {
        return Metrics.accuracy(fit.model().apply(iris.test().features()), iris.test().labels());
    }
}
