package jgrad.nn.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Sets;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import jgrad.core.Params;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.optim.GradientTransformation;

/**
 * A training checkpoint: a model's parameters, its layer state (a named-tensor map, e.g. batch
 * normalisation's running statistics), its optimiser state as named tensors ({@link
 * StateTensors}) and string metadata, saved as one safetensors file ({@link Safetensors}).
 *
 * <p>In the file, tensor names carry the part they belong to: {@code params.0.weight}, {@code
 * layer_state.<name>}, {@code optimizer.states.0.mu.0.weight}; the metadata holds the caller's
 * strings plus {@code jgrad.checkpoint = 1} (keys starting with {@code jgrad.} are reserved).
 * For a file of parameters alone under their own paths, which PyTorch loads as a {@code
 * state_dict}, use {@link #saveParams} and {@link #loadParams}.
 *
 * <p>Loading validates the whole file before anything is built ({@link Safetensors#read}); a
 * model is never changed in place (layers are immutable): {@link #restore} returns a new model
 * and, on any mismatch, throws naming the parameter and leaves nothing half-loaded.
 *
 * <pre>{@code
 * jshell> Checkpoint.of(model.params()).withOptimizerState(state)
 *    ...>         .withMetadata(Map.of("epoch", "12")).save(Path.of("run/epoch-12.safetensors"));
 * jshell> var checkpoint = Checkpoint.load(Path.of("run/epoch-12.safetensors"));
 * jshell> var restored = checkpoint.restore(model);
 * jshell> var state = checkpoint.optimizerState(optimizer);
 * }</pre>
 *
 * @param params         the model's parameters
 * @param layerState     non-parameter tensors of the layers (running statistics), by name
 * @param optimizerState the optimiser state flattened by {@link StateTensors#flatten}
 * @param metadata       the caller's strings (no {@code jgrad.} keys)
 */
public record Checkpoint(Params params, ImmutableMap<String, Tensor> layerState,
        ImmutableMap<String, Tensor> optimizerState, ImmutableMap<String, String> metadata) {

    private static final String PARAMS = "params";
    private static final String LAYER_STATE = "layer_state";
    private static final String OPTIMIZER = "optimizer";
    private static final String FORMAT_KEY = "jgrad.checkpoint";
    private static final String FORMAT_VERSION = "1";

    /**
     * @throws IllegalArgumentException if a metadata key starts with {@code jgrad.} or a layer
     *     state name is empty
     * @throws NullPointerException if an argument is null
     */
    public Checkpoint {
        checkNotNull(params, "checkpoint: params is null");
        checkNotNull(layerState, "checkpoint: layerState is null");
        checkNotNull(optimizerState, "checkpoint: optimizerState is null");
        checkNotNull(metadata, "checkpoint: metadata is null");
        for (String key : metadata.keySet()) {
            checkArgument(!key.startsWith("jgrad."),
                    "checkpoint: metadata keys starting with jgrad. are reserved, got %s", key);
        }
        for (String name : layerState.keySet()) {
            checkArgument(!name.isEmpty(), "checkpoint: a layer state name is empty");
        }
    }

    /**
     * A checkpoint of {@code model}'s parameters and layer state ({@link Layer#state()}: batch
     * normalisation's running statistics), without optimiser state or metadata.
     */
    public static Checkpoint of(Layer model) {
        checkNotNull(model, "checkpoint: model is null");
        return of(model.params()).withLayerState(model.state().asMap());
    }

    /** A checkpoint of {@code params} alone (no layer state, optimiser state or metadata). */
    public static Checkpoint of(Params params) {
        return new Checkpoint(params, ImmutableMap.of(), ImmutableMap.of(), ImmutableMap.of());
    }

    /** This checkpoint with the layer state {@code layerState}. */
    public Checkpoint withLayerState(Map<String, Tensor> layerState) {
        return new Checkpoint(params, ImmutableMap.copyOf(layerState), optimizerState, metadata);
    }

    /**
     * This checkpoint with {@code state}, an optimiser state such as {@code update.state()},
     * flattened by {@link StateTensors#flatten}.
     *
     * @throws IllegalArgumentException if the state holds something that cannot be stored
     */
    public Checkpoint withOptimizerState(Object state) {
        return new Checkpoint(params, layerState, StateTensors.flatten(state), metadata);
    }

    /** This checkpoint with {@code metadata} (epoch, losses, ...; no {@code jgrad.} keys). */
    public Checkpoint withMetadata(Map<String, String> metadata) {
        return new Checkpoint(params, layerState, optimizerState, ImmutableMap.copyOf(metadata));
    }

    /**
     * {@code model} with this checkpoint's parameters and layer state, after checking that the
     * paths, shapes and dtypes of both are exactly the model's ({@link Layer#params()}, {@link
     * Layer#state()}). {@code model} itself is unchanged (and on failure nothing else is either).
     *
     * @throws IllegalArgumentException naming the first parameter or state tensor that is
     *     missing, unexpected, or of another shape or dtype than the model's
     */
    public Layer restore(Layer model) {
        checkNotNull(model, "checkpoint: model is null");
        checkMatches(model.params(), params, "checkpoint", "parameter");
        Params state = Params.copyOf(layerState);
        checkMatches(model.state(), state, "checkpoint", "layer state tensor");
        return model.withParams(params).withState(state);
    }

    /**
     * The optimiser state stored in this checkpoint, rebuilt for {@code optimizer}, whose {@code
     * init(params())} gives the structure.
     *
     * @throws IllegalArgumentException if the stored state does not fit the optimiser's: saved
     *     by another optimiser (its entry names differ: the message lists the stored and the
     *     expected ones, with {@code *} for each parameter, and the expected state's type), or of
     *     other shapes or dtypes, naming the path
     */
    public <S> S optimizerState(GradientTransformation<S> optimizer) {
        checkNotNull(optimizer, "checkpoint: optimizer is null");
        S template = optimizer.init(params);
        Set<String> expected = StateTensors.flatten(template).keySet();
        if (!expected.equals(optimizerState.keySet())) {
            throw new IllegalArgumentException(optimizerState.isEmpty()
                    ? String.format("checkpoint: this checkpoint has no optimiser state;"
                            + " this optimiser's state (%s) has entries %s%s",
                            StateTensors.describe(template), collapsed(expected), perParameter())
                    : String.format("checkpoint: the optimiser state was saved by another"
                            + " optimiser: its entries are %s, but this optimiser's state (%s)"
                            + " has entries %s%s; restore it with the optimiser that saved it",
                            collapsed(optimizerState.keySet()), StateTensors.describe(template),
                            collapsed(expected), perParameter()));
        }
        return StateTensors.unflatten(template, optimizerState);
    }

    /**
     * The entry names in order, those ending in a parameter's name shown once with {@code *} in
     * its place ({@code states.0.mu.*}).
     */
    private String collapsed(Set<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            String shown = name;
            for (String parameter : params.asMap().keySet()) {
                if (name.endsWith("." + parameter)) {
                    shown = name.substring(0, name.length() - parameter.length()) + "*";
                    break;
                }
            }
            out.add(shown);
        }
        return out.toString();
    }

    private String perParameter() {
        return String.format(" (* stands for each of the %d parameters)", params.size());
    }

    /**
     * Saves this checkpoint to {@code file} as safetensors, atomically (a temporary file in the
     * same folder, then a move).
     *
     * @throws UncheckedIOException if writing fails, naming the file
     */
    public void save(Path file) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        params.asMap().forEach((name, tensor) -> tensors.put(join(PARAMS, name), tensor));
        layerState.forEach((name, tensor) -> tensors.put(join(LAYER_STATE, name), tensor));
        optimizerState.forEach((name, tensor) -> tensors.put(join(OPTIMIZER, name), tensor));
        Map<String, String> allMetadata = new LinkedHashMap<>();
        allMetadata.put(FORMAT_KEY, FORMAT_VERSION);
        allMetadata.putAll(metadata);
        Safetensors.write(file, tensors, allMetadata);
    }

    /**
     * Loads a checkpoint that {@link #save} wrote, validating the whole file first.
     *
     * @throws IllegalArgumentException if the file is not valid safetensors, not a jgrad
     *     checkpoint of a known version, or holds a name outside {@code params.}, {@code
     *     layer_state.} and {@code optimizer}, naming the file
     * @throws UncheckedIOException if the file cannot be read, naming it
     */
    public static Checkpoint load(Path file) {
        return fromContents(file, Safetensors.read(file));
    }

    private static Checkpoint fromContents(Path file, SafetensorsFile contents) {
        String version = contents.metadata().get(FORMAT_KEY);
        checkArgument(version != null, "checkpoint: %s is not a jgrad checkpoint (its metadata"
                + " has no %s); a file of parameters alone loads with loadParams", file,
                FORMAT_KEY);
        checkArgument(version.equals(FORMAT_VERSION), "checkpoint: %s has format version %s;"
                + " this jgrad reads version %s", file, version, FORMAT_VERSION);
        Map<String, Tensor> params = new LinkedHashMap<>();
        Map<String, Tensor> layerState = new LinkedHashMap<>();
        Map<String, Tensor> optimizer = new LinkedHashMap<>();
        contents.tensors().forEach((name, tensor) -> {
            if (name.startsWith(PARAMS + ".")) {
                params.put(name.substring(PARAMS.length() + 1), tensor);
            } else if (name.startsWith(LAYER_STATE + ".")) {
                layerState.put(name.substring(LAYER_STATE.length() + 1), tensor);
            } else if (name.equals(OPTIMIZER)) {
                optimizer.put("", tensor);
            } else if (name.startsWith(OPTIMIZER + ".")) {
                optimizer.put(name.substring(OPTIMIZER.length() + 1), tensor);
            } else {
                throw new IllegalArgumentException("checkpoint: " + file + " holds the tensor "
                        + name + ", which is not under params., layer_state. or optimizer.");
            }
        });
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.remove(FORMAT_KEY);
        return new Checkpoint(Params.copyOf(params), ImmutableMap.copyOf(layerState),
                ImmutableMap.copyOf(optimizer), ImmutableMap.copyOf(metadata));
    }

    /**
     * Saves {@code params} alone to {@code file} as safetensors, each tensor under its own path
     * ({@code 0.weight}), as PyTorch's {@code safetensors.torch.save_file(model.state_dict())}
     * lays them out; atomic.
     *
     * @throws UncheckedIOException if writing fails, naming the file
     */
    public static void saveParams(Path file, Params params) {
        checkNotNull(params, "checkpoint: params is null");
        Safetensors.write(file, params.asMap(), Map.of());
    }

    /**
     * The tensors of a safetensors file as {@code Params}, by name, in the file's header order.
     *
     * @throws IllegalArgumentException if the file is not valid safetensors, naming it
     * @throws UncheckedIOException if the file cannot be read, naming it
     */
    public static Params loadParams(Path file) {
        return Params.copyOf(Safetensors.read(file).tensors());
    }

    /**
     * {@code model} with the parameters of the safetensors file {@code file}: a checkpoint's,
     * with its layer state, if it is one ({@link #restore}); else the file's tensors by name
     * ({@link #loadParams}), the model's layer state unchanged. Nothing is built unless the whole
     * file is valid and every parameter (and state tensor) matches the model's path, shape and
     * dtype.
     *
     * @throws IllegalArgumentException naming the file and the first parameter or state tensor
     *     that is missing, unexpected, or of another shape or dtype than the model's
     * @throws UncheckedIOException if the file cannot be read, naming it
     */
    public static Layer loadInto(Path file, Layer model) {
        checkNotNull(model, "checkpoint: model is null");
        SafetensorsFile contents = Safetensors.read(file);
        if (contents.metadata().containsKey(FORMAT_KEY)) {
            Checkpoint checkpoint = fromContents(file, contents);
            String source = "checkpoint " + file;
            checkMatches(model.params(), checkpoint.params(), source, "parameter");
            Params state = Params.copyOf(checkpoint.layerState());
            checkMatches(model.state(), state, source, "layer state tensor");
            return model.withParams(checkpoint.params()).withState(state);
        }
        Params params = Params.copyOf(contents.tensors());
        checkMatches(model.params(), params, "checkpoint " + file, "parameter");
        return model.withParams(params);
    }

    /** {@code what} is "parameter" or "layer state tensor", for the messages. */
    private static void checkMatches(Params expected, Params actual, String source,
            String what) {
        Sets.SetView<String> missing = Sets.difference(expected.paths(), actual.paths());
        checkArgument(missing.isEmpty(), "%s: the model's %s %s are not in the checkpoint,"
                + " which has %s", source, plural(what), missing, actual.paths());
        Sets.SetView<String> unexpected = Sets.difference(actual.paths(), expected.paths());
        checkArgument(unexpected.isEmpty(), "%s: %s %s are not in the model, whose paths are %s",
                source, plural(what), unexpected, expected.paths());
        for (Map.Entry<String, Tensor> entry : expected.asMap().entrySet()) {
            Tensor stored = actual.get(entry.getKey());
            Tensor wanted = entry.getValue();
            checkArgument(stored.shape().equals(wanted.shape()), "%s: %s %s has shape %s"
                    + " in the checkpoint but %s in the model", source, what, entry.getKey(),
                    stored.shape(), wanted.shape());
            checkArgument(stored.dtype() == wanted.dtype(), "%s: %s %s is %s in the"
                    + " checkpoint but %s in the model; cast one of them explicitly", source,
                    what, entry.getKey(), stored.dtype(), wanted.dtype());
        }
    }

    private static String plural(String what) {
        return what + "s";
    }

    private static String join(String part, String name) {
        return name.isEmpty() ? part : part + "." + name;
    }

    /** {@code Checkpoint[4 params, 0 layer state, 9 optimizer tensors, metadata {...}]}. */
    @Override
    public String toString() {
        return "Checkpoint[" + params.size() + " params " + params.paths() + ", "
                + layerState.size() + " layer state, " + optimizerState.size()
                + " optimizer tensors, metadata " + metadata + "]";
    }
}
