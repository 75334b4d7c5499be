package jgrad.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.datasets.RegressionData;
import jgrad.datasets.Synthetic;
import jgrad.nn.Layer;
import jgrad.nn.Linear;
import jgrad.nn.losses.Losses;
import jgrad.nn.optim.Optimizers;
import org.junit.jupiter.api.Test;

/** {@link Trainer#fitRegression}: real-valued targets, a loss such as MSE, no class labels. */
class RegressionTrainingTest {

    /** {@code y = 2x - 1 + 0.1 N(0, 1)}, so the lowest reachable MSE is about 0.01. */
    private static final RegressionData TRAIN = Synthetic.line(200, 2, -1, 0.1,
            new SplittableRandom(1));
    private static final RegressionData VALIDATION = Synthetic.line(50, 2, -1, 0.1,
            new SplittableRandom(2));

    @Test
    void meanSquaredErrorOnALineFallsToTheNoiseLevel() {
        Linear model = Linear.init(new SplittableRandom(3), 1, 1);
        Fit fit = Trainer.fitRegression(model, Losses::meanSquaredError, Optimizers.sgd(0.1),
                TRAIN, VALIDATION, new TrainingSettings(30, 16, 4), List.of());
        History history = fit.history();
        assertEquals(30, history.size());
        double first = history.epochs().get(0).trainLoss();
        double last = history.last().validationLoss();
        assertTrue(first > 0.3, "first epoch's training loss " + first);
        assertTrue(last < 0.02, "last validation loss " + last);
        assertTrue(last < first / 10, first + " -> " + last);
        // the line is learnt: weight 2, bias -1
        Linear trained = (Linear) fit.model();
        assertEquals(2, trained.weight().item(), 0.05);
        assertEquals(-1, trained.bias().item(), 0.05);
        // losses only: no accuracy anywhere
        assertTrue(Double.isNaN(history.last().validationAccuracy()));
        assertFalse(history.last().toString().contains("accuracy"), history.last().toString());
        assertTrue(history.last().toString().startsWith("epoch  30  train loss 0.0"),
                history.last().toString());
        assertFalse(history.table().contains("accuracy"), history.table());
        assertEquals(FittingRegime.GOOD_FIT, history.diagnose().regime(),
                history.diagnose().explanation());
    }

    @Test
    void theSameLoopRunsInFloat32WithTheTargetsCast() {
        Layer model = Linear.init(new SplittableRandom(3), 1, 1).withParams(
                Linear.init(new SplittableRandom(3), 1, 1).params().cast(DType.FLOAT32));
        Fit fit = Trainer.fitRegression(model, Losses::meanSquaredError, Optimizers.sgd(0.1),
                TRAIN, VALIDATION, new TrainingSettings(30, 16, 4), EpochListener.silent());
        assertEquals(DType.FLOAT32, fit.model().params().get("weight").dtype());
        assertTrue(fit.history().last().validationLoss() < 0.02);
    }

    @Test
    void mismatchedOrEmptySetsAreRefusedBeforeTraining() {
        Linear model = Linear.init(new SplittableRandom(3), 1, 1);
        RegressionData twoTargets = new RegressionData(Tensor.zeros(4, 1), Tensor.zeros(4, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.fitRegression(model, Losses::meanSquaredError, Optimizers.sgd(0.1),
                        TRAIN, twoTargets, new TrainingSettings(1, 16, 4), List.of()));
        assertEquals("fitRegression: the validation set (features [4, 1], targets [4, 2]) does not"
                + " match the training set (features [200, 1], targets [200, 1])", e.getMessage());
        RegressionData empty = new RegressionData(Tensor.zeros(0, 1), Tensor.zeros(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Trainer.fitRegression(model,
                Losses::meanSquaredError, Optimizers.sgd(0.1), empty, VALIDATION,
                new TrainingSettings(1, 16, 4), List.of()));
    }
}
