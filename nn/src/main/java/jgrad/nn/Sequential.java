package jgrad.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Layers applied one after another, {@code y = layers[n-1](...layers[1](layers[0](x)))}, as
 * PyTorch's {@code nn.Sequential}. An empty sequence is the identity.
 *
 * <p>Shapes: {@code x} as the first layer expects; the output as the last layer returns. Parameter
 * paths are the layer's index, a dot and the layer's own path: {@code "0.weight"}, {@code
 * "0.bias"}, {@code "2.weight"} (layers without parameters, such as activations, add none), the
 * same keys as PyTorch's {@code state_dict}. The layers' states ({@link #state()}: batch
 * normalisation's running statistics) are gathered the same way ({@code "1.running_mean"}), and
 * {@link #forward} passes the mode to every layer, returning their new states.
 *
 * <pre>{@code
 * jshell> var rng = new SplittableRandom(0);
 * jshell> var model = Sequential.of(Linear.init(rng, 4, 16, Init.HE_NORMAL), Activation.RELU,
 *    ...>         Linear.init(rng, 16, 3, Init.HE_NORMAL));
 * jshell> model.params().paths()
 * $3 ==> [0.weight, 0.bias, 2.weight, 2.bias]
 * }</pre>
 *
 * @param layers the layers, first applied first
 */
public record Sequential(ImmutableList<Layer> layers) implements Layer {

    /** @throws NullPointerException if {@code layers} or one of them is null */
    public Sequential {
        checkNotNull(layers, "sequential: layers is null");
    }

    /** The given layers in order. */
    public static Sequential of(Layer... layers) {
        return new Sequential(ImmutableList.copyOf(layers));
    }

    /** The given layers in iteration order. */
    public static Sequential copyOf(Iterable<? extends Layer> layers) {
        return new Sequential(ImmutableList.copyOf(layers));
    }

    /**
     * The layers applied in order to {@code input}.
     *
     * @throws IllegalArgumentException from the first layer whose input shape does not fit
     */
    @Override
    public Tensor apply(Tensor input) {
        Tensor x = checkNotNull(input, "sequential: input is null");
        for (Layer layer : layers) {
            x = layer.apply(x);
        }
        return x;
    }

    /**
     * The layers applied in order in {@code mode}, with every layer's state after the pass under
     * its index. In training mode the layers draw from the mode's generator in order.
     *
     * @throws IllegalArgumentException from the first layer whose input shape does not fit
     */
    @Override
    public Forward forward(Tensor input, Mode mode) {
        checkNotNull(mode, "sequential: mode is null");
        Tensor x = checkNotNull(input, "sequential: input is null");
        Map<String, Params> states = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Forward out = layers.get(i).forward(x, mode);
            x = out.output();
            states.put(String.valueOf(i), out.state());
        }
        return new Forward(x, Params.concat(states));
    }

    /** Every layer's state under its index: {@code "1.running_mean"}, ...; often empty. */
    @Override
    public Params state() {
        Map<String, Params> groups = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            groups.put(String.valueOf(i), layers.get(i).state());
        }
        return Params.concat(groups);
    }

    /**
     * The same layers, each with its part of {@code state} (the paths under its index).
     *
     * @throws IllegalArgumentException if the paths are not exactly those of {@link #state()} or
     *     a shape differs, naming the path and both shapes
     */
    @Override
    public Sequential withState(Params state) {
        ParamsChecks.checkMatches("sequential", "withState", state(), state);
        if (state.size() == 0) {
            return this;
        }
        ImmutableList.Builder<Layer> rebuilt = ImmutableList.builderWithExpectedSize(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            rebuilt.add(layers.get(i).withState(state.scope(String.valueOf(i))));
        }
        return new Sequential(rebuilt.build());
    }

    /** Every layer's parameters under its index: {@code "0.weight"}, {@code "0.bias"}, .... */
    @Override
    public Params params() {
        Map<String, Params> groups = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            groups.put(String.valueOf(i), layers.get(i).params());
        }
        return Params.concat(groups);
    }

    /**
     * The same layers, each with its part of {@code params} (the paths under its index).
     *
     * @throws IllegalArgumentException if the paths are not exactly those of {@link #params()} or
     *     a shape differs, naming the path and both shapes
     */
    @Override
    public Sequential withParams(Params params) {
        ParamsChecks.checkMatches("sequential", params(), params);
        ImmutableList.Builder<Layer> rebuilt = ImmutableList.builderWithExpectedSize(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            rebuilt.add(layers.get(i).withParams(params.scope(String.valueOf(i))));
        }
        return new Sequential(rebuilt.build());
    }

    /** One line per layer with its index, as PyTorch prints modules. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Sequential(");
        for (int i = 0; i < layers.size(); i++) {
            out.append("\n  (").append(i).append("): ").append(Residual.indent(
                    layers.get(i).toString()));
        }
        return out.append(layers.isEmpty() ? ")" : "\n)").toString();
    }
}
