package jgrad.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.datasets.Dataset;
import jgrad.nn.Embedding;
import jgrad.nn.Flatten;
import jgrad.nn.Linear;
import jgrad.nn.Sequential;
import jgrad.nn.init.Init;
import jgrad.nn.losses.Losses;
import jgrad.nn.optim.Optimizers;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** Two separable blobs: class 0 around (-2, -2), class 1 around (2, 2). */
    private static Dataset blobs(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] features = new double[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            double center = labels[i] == 0 ? -2 : 2;
            features[2 * i] = center + rng.nextGaussian() * 0.5;
            features[2 * i + 1] = center + rng.nextGaussian() * 0.5;
        }
        return new Dataset(Tensor.of(features, n, 2), ImmutableIntArray.copyOf(labels),
                ImmutableList.of("low", "high"));
    }

    @Test
    void accuracyIsTheFractionOfArgmaxesAtTheLabel() {
        Tensor logits = Tensor.of(new double[][] {{2, 1, 0}, {0, 5, 1}, {1, 1, 3}, {4, 0, 0}});
        // argmax = [0, 1, 2, 0]; labels [0, 1, 1, 2]: two of four right.
        assertEquals(0.5, Metrics.accuracy(logits, ImmutableIntArray.of(0, 1, 1, 2)));
        assertEquals(1.0, Metrics.accuracy(logits, ImmutableIntArray.of(0, 1, 2, 0)));
        // Ties go to the first largest logit.
        assertEquals(1.0, Metrics.accuracy(Tensor.of(new double[][] {{1, 1}}),
                ImmutableIntArray.of(0)));
        assertTrue(Double.isNaN(Metrics.accuracy(Tensor.zeros(0, 3), ImmutableIntArray.of())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.accuracy(logits, ImmutableIntArray.of(0)));
        assertEquals("accuracy: logits [batch, K] = [4, 3] need 4 labels, got 1", e.getMessage());
    }

    @Test
    void integerFeaturesReachAnEmbeddingAsIndicesAndTheModelTrains() {
        // six sequences of two tokens from a vocabulary of 4; INT64 features, not cast to float
        Dataset tokens = Dataset.of(Tensor.ofLongs(new long[] {0, 1, 2, 3, 0, 2, 1, 3, 3, 3, 0, 0},
                6, 2), Tensor.ofLongs(0, 1, 0, 1, 1, 0), List.of("a", "b"));
        SplittableRandom rng = new SplittableRandom(0);
        Sequential model = Sequential.of(Embedding.init(rng, 4, 3), new Flatten(),
                Linear.init(rng, 6, 2));
        Fit fit = Trainer.fit(model, Optimizers.adam(0.05), tokens, tokens,
                new TrainingSettings(60, 3, 0).withProgressBar(false), record -> { });
        History history = fit.history();
        assertEquals(60, history.size());
        assertTrue(history.last().trainLoss() < 0.1 * history.epochs().get(0).trainLoss(),
                history.table());
        assertEquals(1.0, history.last().validationAccuracy(), history.table());
        // INT32 indices too
        Dataset int32 = Dataset.of(tokens.features().cast(DType.INT32),
                Tensor.ofLongs(0, 1, 0, 1, 1, 0), List.of("a", "b"));
        assertEquals(1.0, Trainer.fit(model, Optimizers.adam(0.05), int32, int32,
                new TrainingSettings(60, 3, 0).withProgressBar(false), record -> { }).history()
                .last().validationAccuracy());
    }

    @Test
    void historyFindsTheBestEpochByValidationLossAndPrintsATable() {
        History history = new History(ImmutableList.of(
                new EpochRecord(1, 1.0, 0.9, 0.5),
                new EpochRecord(2, 0.5, 0.4, 0.8),
                new EpochRecord(3, 0.3, Double.NaN, 0.9),
                new EpochRecord(4, 0.2, 0.45, 0.9)));
        assertEquals(2, history.bestEpoch().epoch());
        assertEquals(4, history.last().epoch());
        assertEquals(0.4, history.validationLosses().get(1));
        assertEquals(0.2, history.trainLosses().get(3));
        assertEquals(0.9, history.validationAccuracies().get(2));
        assertEquals("epoch   2  train loss 0.50000  validation loss 0.40000  validation accuracy"
                + " 0.8000", history.bestEpoch().toString());
        // A diverging loss prints in scientific notation rather than as a 100-digit number.
        assertEquals("epoch   1  train loss 1.00000e+100  validation loss NaN  validation accuracy"
                + " 0.1000", new EpochRecord(1, 1e100, Double.NaN, 0.1).toString());
        String[] lines = history.table().split("\n");
        assertEquals(5, lines.length);
        assertEquals("    2       0.50000          0.40000               0.8000", lines[2]);
        assertTrue(history.toString().startsWith("History[4 epochs; last: epoch   4"),
                history.toString());
        assertThrows(IllegalStateException.class, () -> new History(ImmutableList.of()).last());
    }

    @Test
    void theLossIsPluggable() {
        // Squared error against one-hot labels instead of cross-entropy; still separates blobs.
        Loss squared = (outputs, labels) -> Losses.meanSquaredError(
                outputs, Tensor.oneHot(labels, outputs.shape().dim(1)));
        Linear model = Linear.init(new SplittableRandom(0), 2, 2, Init.ZEROS);
        Fit fit = Trainer.fit(model, squared, Optimizers.sgd(0.1), blobs(40, 1), blobs(20, 2),
                new TrainingSettings(10, 8, 0), EpochListener.silent());
        EpochRecord last = fit.history().last();
        assertEquals(1.0, last.validationAccuracy());
        // Zero weights predict 0 everywhere: an MSE of 0.5 against one-hot rows of two classes.
        assertTrue(fit.history().epochs().get(0).trainLoss() < 0.5);
        assertTrue(last.validationLoss() < 0.1, fit.history().table());
        assertTrue(fit.model() instanceof Linear);
    }

    @Test
    void trainLossIsTheMeanOfTheBatchLossesBeforeEachUpdate() {
        // One epoch, one batch holding all samples: the recorded train loss is the loss of the
        // initial model, and the validation loss on the same data is that of the updated model.
        Dataset data = blobs(6, 3);
        Linear model = Linear.init(new SplittableRandom(0), 2, 2, Init.GLOROT_UNIFORM);
        Fit fit = Trainer.fit(model, Optimizers.sgd(0.5), data, data,
                new TrainingSettings(1, 6, 0),
                EpochListener.silent());
        double initial = Losses.softmaxCrossEntropy(model.apply(data.features()), data.labels())
                .item();
        double after = Losses.softmaxCrossEntropy(fit.model().apply(data.features()),
                data.labels()).item();
        assertEquals(initial, fit.history().last().trainLoss(), 1e-12);
        assertEquals(after, fit.history().last().validationLoss(), 1e-12);
        assertTrue(after < initial);
    }

    @Test
    void bestModelIsTheModelAfterTheEpochOfLowestValidationLoss() {
        Dataset train = blobs(40, 1);
        Dataset validation = blobs(20, 2);
        Linear model = Linear.init(new SplittableRandom(0), 2, 2, Init.GLOROT_UNIFORM);
        for (double learningRate : new double[] {0.1, 40}) {
            // 0.1 improves to the end; 40 overshoots, so some later epoch is worse than the best.
            Fit fit = Trainer.fit(model, Optimizers.sgd(learningRate), train, validation,
                    new TrainingSettings(8, 8, 0), EpochListener.silent());
            EpochRecord best = fit.history().bestEpoch();
            double bestModelLoss = Losses.softmaxCrossEntropy(
                    fit.bestModel().apply(validation.features()), validation.labels()).item();
            assertEquals(best.validationLoss(), bestModelLoss, 0.0);
            if (best.epoch() == fit.history().last().epoch()) {
                assertTrue(fit.bestModel().params().allClose(fit.model().params(), 0, 0));
            }
        }
        Fit diverging = Trainer.fit(model, Optimizers.sgd(40), train, validation,
                new TrainingSettings(8, 8, 0), EpochListener.silent());
        assertTrue(diverging.history().bestEpoch().epoch() < 8, diverging.history().table());
    }

    @Test
    void aLossThatDoesNotDependOnTheParametersIsRefused() {
        Linear linear = Linear.init(new SplittableRandom(0), 2, 2, Init.ZEROS);
        // A layer whose withParams forgets the parameters it is given.
        jgrad.nn.Layer forgetful = new jgrad.nn.Layer() {
            @Override
            public Tensor apply(Tensor input) {
                return linear.apply(input);
            }

            @Override
            public jgrad.core.Params params() {
                return linear.params();
            }

            @Override
            public jgrad.nn.Layer withParams(jgrad.core.Params params) {
                return this;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.fit(forgetful, Optimizers.sgd(0.1), blobs(4, 0), blobs(4, 1),
                        new TrainingSettings(1, 2, 0), EpochListener.silent()));
        assertTrue(e.getMessage().startsWith("fit: the loss does not depend on the model's"
                + " parameters"), e.getMessage());
    }

    @Test
    void aLossThatIsNotAScalarIsRefusedNamingTheLoss() {
        Linear model = Linear.init(new SplittableRandom(0), 2, 2, Init.ZEROS);
        Loss perSample = (outputs, labels) -> Losses.softmaxCrossEntropy(outputs, labels,
                jgrad.nn.losses.Reduction.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.fit(model, perSample, Optimizers.sgd(0.1), blobs(4, 0),
                        blobs(4, 1), new TrainingSettings(1, 2, 0), EpochListener.silent()));
        assertEquals("fit: the loss must return a scalar (shape []), got shape [2]; reduce it"
                + " (Reduction.MEAN or SUM)", e.getMessage());
    }

    @Test
    void badArgumentsAreRejected() {
        Linear model = Linear.init(new SplittableRandom(0), 2, 2, Init.ZEROS);
        Dataset empty = new Dataset(Tensor.of(new double[0], Shape.of(0, 2),
                jgrad.core.DType.FLOAT64), ImmutableIntArray.of(), ImmutableList.of("a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.fit(model, Optimizers.sgd(0.1), empty, blobs(4, 0),
                        new TrainingSettings(1, 2, 0), EpochListener.silent()));
        assertEquals("fit: the training set is empty", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.fit(model, Optimizers.sgd(0.1), blobs(4, 0), empty,
                        new TrainingSettings(1, 2, 0), EpochListener.silent()));
        assertTrue(e.getMessage().startsWith("fit: the validation set is empty"), e.getMessage());
        assertFalse(e.getMessage().contains("%%"), e.getMessage());
        Dataset wider = new Dataset(Tensor.zeros(2, 3), ImmutableIntArray.of(0, 1),
                ImmutableList.of("a", "b"));
        e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.fit(model, Optimizers.sgd(0.1), blobs(4, 0), wider,
                        new TrainingSettings(1, 2, 0), EpochListener.silent()));
        assertTrue(e.getMessage().startsWith("fit: the validation set (3 features"),
                e.getMessage());
        assertTrue(Double.isNaN(Metrics.accuracy(Tensor.full(Double.NaN, 3, 3),
                ImmutableIntArray.of(0, 1, 2))));
        assertThrows(IllegalArgumentException.class, () -> new TrainingSettings(0, 16, 0));
        e = assertThrows(IllegalArgumentException.class, () -> new TrainingSettings(5, 0, 0));
        assertEquals("trainingSettings: batchSize must be >= 1, got 0", e.getMessage());
        // Features that do not fit the model fail in the model, naming both shapes.
        Linear wide = Linear.init(new SplittableRandom(0), 3, 2, Init.ZEROS);
        e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.fit(wide, Optimizers.sgd(0.1), blobs(4, 0), blobs(4, 0),
                        new TrainingSettings(1, 2, 0), EpochListener.silent()));
        assertTrue(e.getMessage().startsWith("linear: x [batch, 3] expected"), e.getMessage());
    }

    /**
     * The loop shows each epoch's validation loss to the optimiser: with a learning rate of 1e-12
     * loss never improves, so a reduce-on-plateau with patience 0 halves its scale every epoch
     * after the first.
     */
    @Test
    void reduceOnPlateauSeesTheValidationLossEveryEpoch() {
        Linear model = Linear.init(new SplittableRandom(1), 2, 2, Init.GLOROT_UNIFORM);
        var optimizer = Optimizers.chain(Optimizers.sgd(1e-12),
                Optimizers.reduceOnPlateau(jgrad.nn.optim.ReduceOnPlateau.of(0.5, 0)));
        java.util.List<Object> states = new java.util.ArrayList<>();
        Callback capture = new Callback() {
            @Override
            public Decision afterEpoch(EpochEnd epoch) {
                states.add(epoch.optimizerState());
                return Decision.proceed();
            }
        };
        Trainer.fit(model, Losses::softmaxCrossEntropy, optimizer, blobs(8, 1), blobs(8, 2),
                new TrainingSettings(4, 4, 0), java.util.List.of(capture));
        jgrad.nn.optim.ChainState last = (jgrad.nn.optim.ChainState) states.get(3);
        jgrad.nn.optim.PlateauState plateau = (jgrad.nn.optim.PlateauState) last.states().get(1);
        assertEquals(0.125, plateau.scale(), 0.0);
    }
}
