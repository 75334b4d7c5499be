package jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Activation;
import jgrad.nn.BatchNorm1d;
import jgrad.nn.BatchNorm2d;
import jgrad.nn.Flatten;
import jgrad.nn.Layer;
import jgrad.nn.Linear;
import jgrad.nn.Mode;
import jgrad.nn.Residual;
import jgrad.nn.Sequential;
import jgrad.nn.optim.Optimizers;
import jgrad.nn.train.EpochEnd;
import jgrad.nn.train.EpochRecord;
import jgrad.nn.train.History;
import jgrad.nn.train.PeriodicCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch normalisation's running statistics go through the checkpoint's layer-state slot. */
class LayerStateCheckpointTest {

    @TempDir
    Path folder;

    /** A model with state, trained a few steps so that its state is not the initial one. */
    private static Sequential trained() {
        SplittableRandom rng = new SplittableRandom(5);
        Sequential model = Sequential.of(Linear.init(rng, 3, 4), BatchNorm1d.init(4),
                Activation.TANH, Residual.of(Sequential.of(Linear.init(rng, 4, 4),
                        BatchNorm1d.init(4, 1e-3, 0.3))), Linear.init(rng, 4, 2));
        Mode training = Mode.training(rng);
        for (int step = 0; step < 3; step++) {
            Tensor x = Tensor.uniform(Shape.of(6, 3), -2, 2, rng);
            model = model.withState(model.forward(x, training).state());
        }
        return model;
    }

    @Test
    void runningStatisticsRoundTripThroughACheckpointFile() {
        Sequential model = trained();
        Path file = folder.resolve("model.safetensors");
        Checkpoint.of(model).save(file);
        Checkpoint loaded = Checkpoint.load(file);
        assertEquals("[1.running_mean, 1.running_var, 3.body.1.running_mean,"
                + " 3.body.1.running_var]", loaded.layerState().keySet().toString());
        Sequential fresh = Sequential.of(Linear.init(new SplittableRandom(9), 3, 4),
                BatchNorm1d.init(4), Activation.TANH, Residual.of(Sequential.of(
                        Linear.init(new SplittableRandom(9), 4, 4), BatchNorm1d.init(4, 1e-3,
                                0.3))), Linear.init(new SplittableRandom(9), 4, 2));
        Layer restored = loaded.restore(fresh);
        assertTrue(restored.params().allClose(model.params(), 0, 0));
        assertTrue(restored.state().allClose(model.state(), 0, 0));
        Tensor x = Tensor.of(new double[][] {{0.5, -1, 2}, {1, 1, -1}});
        assertTrue(restored.apply(x).allClose(model.apply(x), 0, 0),
                "evaluation uses the restored running statistics");
        assertFalse(fresh.apply(x).allClose(model.apply(x), 1e-6, 1e-6));
        // loadInto restores the state of a checkpoint too.
        Layer loadedInto = Checkpoint.loadInto(file, fresh);
        assertTrue(loadedInto.state().allClose(model.state(), 0, 0));
        assertTrue(loadedInto.params().allClose(model.params(), 0, 0));
    }

    @Test
    void restoreRefusesMissingOrMismatchedLayerStateNamingIt() {
        Sequential model = trained();
        Path file = folder.resolve("params-only.safetensors");
        Checkpoint.of(model.params()).save(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(file).restore(model));
        assertTrue(e.getMessage().startsWith("checkpoint: the model's layer state tensors"
                + " [1.running_mean, 1.running_var, 3.body.1.running_mean,"
                + " 3.body.1.running_var] are not in the checkpoint"), e.getMessage());
        // A checkpoint with state restored into a model without that state is refused too.
        Checkpoint withState = Checkpoint.of(model);
        Sequential stateless = Sequential.of(Linear.init(new SplittableRandom(1), 3, 4),
                new Flatten(), Activation.TANH, Residual.of(Sequential.of(
                        Linear.init(new SplittableRandom(1), 4, 4))), Linear.init(
                        new SplittableRandom(1), 4, 2));
        assertThrows(IllegalArgumentException.class, () -> withState.restore(stateless));
        // Other shapes are named.
        Sequential wider = Sequential.of(new Flatten(), BatchNorm2d.init(4));
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.of(
                Sequential.of(new Flatten(), BatchNorm2d.init(5))).restore(wider));
        assertTrue(e.getMessage().contains("has shape [5] in the checkpoint but [4] in the"
                + " model"), e.getMessage());
    }

    @Test
    void periodicCheckpointsKeepTheLayerState() throws Exception {
        Sequential model = trained();
        PeriodicCheckpoint every = new PeriodicCheckpoint(folder, 1);
        EpochRecord record = new EpochRecord(1, 0.5, 0.4, 0.9);
        every.afterEpoch(new EpochEnd(record, History.empty().plus(record), model,
                Optimizers.sgd(0.1).init(model.params()), 3));
        assertTrue(Files.exists(every.file(1)));
        assertTrue(Checkpoint.load(every.file(1)).restore(model).state()
                .allClose(model.state(), 0, 0));
    }
}
