package jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jgrad.core.Autodiff;
import jgrad.core.DType;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.datasets.Dataset;
import jgrad.datasets.Datasets;
import jgrad.nn.Layer;
import jgrad.nn.Mlp;
import jgrad.nn.losses.Losses;
import jgrad.nn.optim.AdamState;
import jgrad.nn.optim.ChainState;
import jgrad.nn.optim.EmptyState;
import jgrad.nn.optim.GradientTransformation;
import jgrad.nn.optim.MomentumState;
import jgrad.nn.optim.Optimizers;
import jgrad.nn.optim.Update;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints of parameters, layer state and optimiser state; {@link StateTensors}. */
class CheckpointTest {

    @TempDir
    Path folder;

    private static final Layer MODEL = Mlp.init(new SplittableRandom(1), 4, 5, 3);

    @Test
    void optimizerStatesFlattenToNamedTensorsUnderTheirRecordPaths() {
        GradientTransformation<ChainState> adam = Optimizers.adam(0.01);
        ChainState state = adam.init(MODEL.params());
        ImmutableMap<String, Tensor> named = StateTensors.flatten(state);
        assertEquals(List.of("states.0.count", "states.0.mu.0.weight", "states.0.mu.0.bias",
                "states.0.mu.2.weight", "states.0.mu.2.bias", "states.0.nu.0.weight",
                "states.0.nu.0.bias", "states.0.nu.2.weight", "states.0.nu.2.bias"),
                named.keySet().asList());
        assertEquals(DType.INT64, named.get("states.0.count").dtype());
        assertEquals(Shape.scalar(), named.get("states.0.count").shape());
        assertEquals(0L, named.get("states.0.count").toLongArray()[0]);
        ChainState back = StateTensors.unflatten(adam.init(MODEL.params()), named);
        assertEquals(2, back.states().size());
        assertTrue(back.states().get(1) instanceof EmptyState);
        AdamState adamState = (AdamState) back.states().get(0);
        assertEquals(0, adamState.count());
        assertTrue(adamState.mu().allClose(MODEL.params().zerosLike(), 0, 0));
    }

    @Test
    void aTrainingRunResumedFromACheckpointEqualsTheUninterruptedRun() {
        Dataset iris = Datasets.iris().standardized();
        GradientTransformation<ChainState> adam = Optimizers.adam(0.05);
        Params params = MODEL.params();
        ChainState state = adam.init(params);
        for (int step = 0; step < 3; step++) {
            Update<ChainState> update = step(adam, params, state, iris);
            params = params.plus(update.updates());
            state = update.state();
        }
        Path file = folder.resolve("step-3.safetensors");
        Checkpoint.of(params).withOptimizerState(state).withMetadata(Map.of("step", "3"))
                .save(file);
        for (int step = 0; step < 4; step++) {
            Update<ChainState> update = step(adam, params, state, iris);
            params = params.plus(update.updates());
            state = update.state();
        }

        Checkpoint checkpoint = Checkpoint.load(file);
        assertEquals(Map.of("step", "3"), checkpoint.metadata());
        Layer resumedModel = checkpoint.restore(MODEL);
        Params resumed = resumedModel.params();
        ChainState resumedState = checkpoint.optimizerState(adam);
        assertEquals(3, ((AdamState) resumedState.states().get(0)).count());
        for (int step = 0; step < 4; step++) {
            Update<ChainState> update = step(adam, resumed, resumedState, iris);
            resumed = resumed.plus(update.updates());
            resumedState = update.state();
        }
        assertTrue(resumed.allClose(params, 0, 0), "bit-identical parameters");
        ImmutableMap<String, Tensor> uninterrupted = StateTensors.flatten(state);
        assertTrue(StateTensors.flatten(resumedState).entrySet().stream().allMatch(e ->
                e.getValue().allClose(uninterrupted.get(e.getKey()), 0, 0)));
    }

    private static Update<ChainState> step(GradientTransformation<ChainState> optimizer,
            Params params, ChainState state, Dataset data) {
        Params grads = Autodiff.grad(p -> Losses.softmaxCrossEntropy(
                MODEL.withParams(p).apply(data.features()), data.labels()), params);
        return optimizer.update(grads, state, params);
    }

    @Test
    void layerStateAndFloat32ParametersRoundTrip() {
        Params params = MODEL.params().map(t -> t.cast(DType.FLOAT32));
        Map<String, Tensor> layerState = Map.of("1.running_mean", Tensor.of(0.5, -0.5),
                "1.running_var", Tensor.of(1.5, 2.5));
        Path file = folder.resolve("with-state.safetensors");
        Checkpoint.of(params).withLayerState(layerState).save(file);
        Checkpoint back = Checkpoint.load(file);
        assertTrue(back.params().allClose(params, 0, 0));
        assertEquals(DType.FLOAT32, back.params().get("0.weight").dtype());
        assertEquals(layerState.keySet(), back.layerState().keySet());
        assertTrue(back.layerState().get("1.running_var").allClose(Tensor.of(1.5, 2.5), 0, 0));
        assertEquals(Map.of(), back.optimizerState());
    }

    @Test
    void loadingIntoAModelOfOtherShapesNamesTheParameterAndChangesNothing() {
        Path file = folder.resolve("wide.safetensors");
        Checkpoint.of(Mlp.init(new SplittableRandom(2), 4, 8, 3).params()).save(file);
        Params before = MODEL.params();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.loadInto(file, MODEL));
        assertEquals("checkpoint " + file + ": parameter 0.weight has shape [8, 4] in the"
                + " checkpoint but [5, 4] in the model", e.getMessage());
        assertSame(before.get("0.weight"), MODEL.params().get("0.weight"));
        e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(file).restore(Mlp.init(new SplittableRandom(2), 4, 8, 8,
                        3)));
        assertTrue(e.getMessage().startsWith("checkpoint: the model's parameters [4.weight,"
                + " 4.bias] are not in the checkpoint"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file)
                .restore(Mlp.init(new SplittableRandom(2), 4, 8, 3)
                        .withParams(Mlp.init(new SplittableRandom(2), 4, 8, 3).params()
                                .map(t -> t.cast(DType.FLOAT32)))));
        assertEquals("checkpoint: parameter 0.weight is float64 in the checkpoint but float32 in"
                + " the model; cast one of them explicitly", e.getMessage());
    }

    @Test
    void anOptimizerStateOfAnotherOptimizerIsRefusedListingTheSavedAndTheExpectedEntries() {
        Path file = folder.resolve("momentum.safetensors");
        GradientTransformation<ChainState> momentum = Optimizers.sgd(0.1, 0.9);
        Checkpoint.of(MODEL.params()).withOptimizerState(momentum.init(MODEL.params()))
                .save(file);
        Checkpoint checkpoint = Checkpoint.load(file);
        assertTrue(((ChainState) checkpoint.optimizerState(momentum)).states().get(0)
                instanceof MomentumState);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> checkpoint.optimizerState(Optimizers.adam(0.1)));
        assertEquals("checkpoint: the optimiser state was saved by another optimiser: its entries"
                + " are [states.0.velocity.*], but this optimiser's state (ChainState[AdamState,"
                + " EmptyState]) has entries [states.0.count, states.0.mu.*, states.0.nu.*] (*"
                + " stands for each of the 4 parameters); restore it with the optimiser that saved"
                + " it", e.getMessage());
        // the user's case: Adam's state restored with SGD with momentum
        Path adamFile = folder.resolve("adam.safetensors");
        Checkpoint.of(MODEL.params()).withOptimizerState(Optimizers.adam(0.1).init(
                MODEL.params())).save(adamFile);
        e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(adamFile).optimizerState(Optimizers.sgd(0.1, 0.9)));
        assertEquals("checkpoint: the optimiser state was saved by another optimiser: its entries"
                + " are [states.0.count, states.0.mu.*, states.0.nu.*], but this optimiser's"
                + " state (ChainState[MomentumState, EmptyState]) has entries"
                + " [states.0.velocity.*] (* stands for each of the 4 parameters); restore it"
                + " with the optimiser that saved it", e.getMessage());
        // no optimiser state at all
        e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.of(MODEL.params()).optimizerState(momentum));
        assertEquals("checkpoint: this checkpoint has no optimiser state; this optimiser's state"
                + " (ChainState[MomentumState, EmptyState]) has entries [states.0.velocity.*] (*"
                + " stands for each of the 4 parameters)", e.getMessage());
        // a stored count of another dtype is refused by path
        Map<String, Tensor> broken = new java.util.LinkedHashMap<>(
                StateTensors.flatten(Optimizers.adam(0.1).init(MODEL.params())));
        broken.put("states.0.count", Tensor.scalar(2.5));
        e = assertThrows(IllegalArgumentException.class, () -> StateTensors.unflatten(
                Optimizers.adam(0.1).init(MODEL.params()), broken));
        assertEquals("state: states.0.count is float64, but an int64 scalar is expected",
                e.getMessage());
        broken.put("states.0.count", Tensor.ofLongs(new long[] {-1}, new int[0]));
        e = assertThrows(IllegalArgumentException.class, () -> StateTensors.unflatten(
                Optimizers.adam(0.1).init(MODEL.params()), broken));
        assertEquals("state: the stored values do not make a valid AdamState at states.0: adam:"
                + " count must be >= 0, got -1", e.getMessage());
        broken.put("states.0.count", Tensor.ofLongs(new long[] {0}, new int[0]));
        broken.put("states.1.extra", Tensor.scalar(0));
        e = assertThrows(IllegalArgumentException.class, () -> StateTensors.unflatten(
                Optimizers.adam(0.1).init(MODEL.params()), broken));
        assertEquals("state: entries [states.1.extra] are not part of a ChainState",
                e.getMessage());
    }

    @Test
    void aStateThatCannotBeStoredIsRefusedNamingTheTypeAndPath() {
        record Odd(String name) {}
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateTensors.flatten(new ChainState(ImmutableList.of(new Odd("x")))));
        assertEquals("state: cannot store a java.lang.String at states.0.name (records, lists,"
                + " Params, tensors, numbers and booleans can be stored)", e.getMessage());
    }

    @Test
    void paramsAloneUseTheirOwnPathsAsPyTorchsStateDictDoes() {
        Path file = folder.resolve("params.safetensors");
        Checkpoint.saveParams(file, MODEL.params());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"),
                Safetensors.read(file).tensors().keySet().asList());
        assertTrue(Checkpoint.loadParams(file).allClose(MODEL.params(), 0, 0));
        Layer restored = Checkpoint.loadInto(file, Mlp.init(new SplittableRandom(9), 4, 5, 3));
        assertTrue(restored.params().allClose(MODEL.params(), 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(file));
        assertTrue(e.getMessage().startsWith("checkpoint: " + file + " is not a jgrad checkpoint"),
                e.getMessage());
    }

    @Test
    void aCorruptCheckpointIsRefusedBeforeAnythingIsBuilt() throws Exception {
        Path file = folder.resolve("corrupt.safetensors");
        Checkpoint.of(MODEL.params()).save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.loadInto(file, MODEL));
        assertTrue(e.getMessage().startsWith("safetensors: " + file + ": the data of"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(truncated?)"), e.getMessage());
    }

    @Test
    void reservedMetadataKeysAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.of(MODEL.params()).withMetadata(Map.of("jgrad.x", "1")));
        assertEquals("checkpoint: metadata keys starting with jgrad. are reserved, got jgrad.x",
                e.getMessage());
    }
}
