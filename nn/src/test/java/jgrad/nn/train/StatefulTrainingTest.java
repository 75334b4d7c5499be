package jgrad.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.core.Params;
import jgrad.core.Tensor;
import jgrad.datasets.Datasets;
import jgrad.datasets.Split;
import jgrad.nn.Activation;
import jgrad.nn.BatchNorm1d;
import jgrad.nn.Dropout;
import jgrad.nn.Forward;
import jgrad.nn.Layer;
import jgrad.nn.Linear;
import jgrad.nn.Mode;
import jgrad.nn.Sequential;
import jgrad.nn.losses.Losses;
import jgrad.nn.optim.Optimizers;
import org.junit.jupiter.api.Test;

/** {@link Trainer#fit} with layers that have state (batch norm) and randomness (dropout). */
class StatefulTrainingTest {

    private static final Split IRIS = Split.of(Datasets.iris(), new SplittableRandom(0))
            .standardized();

    private static Sequential model() {
        SplittableRandom rng = new SplittableRandom(3);
        return Sequential.of(Linear.init(rng, 4, 16), BatchNorm1d.init(16), Activation.RELU,
                new Dropout(0.1), Linear.init(rng, 16, 3));
    }

    private static final TrainingSettings SETTINGS = new TrainingSettings(15, 16, 7)
            .withProgressBar(false);

    @Test
    void fitThreadsTheRunningStatisticsThroughEveryBatchAndValidatesInEvaluationMode() {
        List<Layer> epochModels = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public Decision afterEpoch(EpochEnd end) {
                epochModels.add(end.model());
                return Decision.proceed();
            }
        };
        Fit fit = Trainer.fit(model(), Losses::softmaxCrossEntropy,
                Optimizers.adam(0.01), IRIS.train(), IRIS.validation(), SETTINGS,
                List.of(recorder));
        assertTrue(fit.history().last().validationAccuracy() >= 0.9, fit.history().toString());
        // The running statistics moved away from their initial 0 and 1 ...
        Params state = fit.model().state();
        assertEquals("[1.running_mean, 1.running_var]", state.paths().toString());
        assertFalse(state.allClose(model().state(), 0.05, 0.05));
        // ... and are what the last epoch saw; validation used them (evaluation mode).
        Layer last = epochModels.get(epochModels.size() - 1);
        assertTrue(last.state().allClose(state, 0, 0));
        Tensor logits = fit.model().apply(IRIS.validation().features());
        assertEquals(fit.history().last().validationAccuracy(),
                Metrics.accuracy(logits, IRIS.validation().labels()));
        // The best model carries the state of its own epoch.
        int best = fit.history().bestEpoch().epoch();
        assertTrue(fit.bestModel().state().allClose(epochModels.get(best - 1).state(), 0, 0));
        assertTrue(fit.bestModel().params().allClose(epochModels.get(best - 1).params(), 0, 0));
    }

    @Test
    void equalSeedsGiveEqualRunsWithDropoutAndBatchNorm() {
        Fit first = Trainer.fit(model(), Optimizers.adam(0.01), IRIS.train(), IRIS.validation(),
                SETTINGS, EpochListener.silent());
        Fit second = Trainer.fit(model(), Optimizers.adam(0.01), IRIS.train(),
                IRIS.validation(), SETTINGS, EpochListener.silent());
        assertEquals(first.history(), second.history());
        assertTrue(first.model().state().allClose(second.model().state(), 0, 0));
        Fit other = Trainer.fit(model(), Optimizers.adam(0.01), IRIS.train(), IRIS.validation(),
                new TrainingSettings(15, 16, 8).withProgressBar(false), EpochListener.silent());
        assertFalse(first.history().equals(other.history()));
    }

    @Test
    void trainingModeMakesTheBatchLossDifferFromTheEvaluationLoss() {
        // Dropout at p = 0.9 in training: the forward pass of fit is not the evaluation pass.
        Sequential noisy = Sequential.of(Linear.init(new SplittableRandom(1), 4, 3),
                new Dropout(0.9));
        Tensor x = IRIS.train().features();
        Forward training = noisy.forward(x, Mode.training(new SplittableRandom(0)));
        assertFalse(training.output().allClose(noisy.apply(x), 1e-6, 1e-6));
    }
}
