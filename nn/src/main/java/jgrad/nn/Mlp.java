package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import jgrad.nn.init.Init;

/**
 * Builds multi-layer perceptrons: {@link Linear} layers of the given sizes with an {@link
 * Activation} between each pair and none after the last, so the output is raw scores (logits for
 * {@code Losses.softmaxCrossEntropy}, predictions for regression losses).
 *
 * <p>Sizes {@code 64, 32, 10} give {@code Sequential(Linear(64 -> 32), act, Linear(32 -> 10))} with
 * paths {@code 0.weight, 0.bias, 2.weight, 2.bias}. Shapes: {@code x [batch, sizes[0]]} -> {@code
 * [batch, sizes[n-1]]}.
 *
 * <pre>{@code
 * jshell> var model = Mlp.init(new SplittableRandom(0), Activation.TANH, 4, 16, 3);
 * model ==> Sequential(
 *   (0): Linear[in=4, out=16, dtype=float64]
 *   (1): Tanh
 *   (2): Linear[in=16, out=3, dtype=float64]
 * )
 * }</pre>
 */
public final class Mlp {

    private Mlp() {}

    /**
     * An MLP with ReLU activations and He-normal weights: {@code init(rng, Activation.RELU,
     * sizes)}.
     *
     * @throws IllegalArgumentException if there are fewer than two sizes or one is not positive
     */
    public static Sequential init(RandomGenerator rng, int... sizes) {
        return init(rng, Activation.RELU, sizes);
    }

    /**
     * An MLP with {@code activation} between layers and the initialiser suited to it: He normal
     * for ReLU (He et al., 2015), Glorot uniform for tanh and sigmoid (Glorot &amp; Bengio, 2010).
     * Biases are zero. Layers draw from {@code rng} in order, so equal seeds give equal models.
     *
     * @throws IllegalArgumentException if there are fewer than two sizes or one is not positive
     */
    public static Sequential init(RandomGenerator rng, Activation activation, int... sizes) {
        checkNotNull(activation, "mlp: activation is null");
        return init(rng, activation, activation == Activation.RELU ? Init.HE_NORMAL
                : Init.GLOROT_UNIFORM, sizes);
    }

    /**
     * An MLP with {@code activation} between layers and weights drawn by {@code init}.
     *
     * @throws IllegalArgumentException if there are fewer than two sizes or one is not positive
     */
    public static Sequential init(RandomGenerator rng, Activation activation, Init init,
            int... sizes) {
        checkNotNull(rng, "mlp: rng is null");
        checkNotNull(activation, "mlp: activation is null");
        checkNotNull(init, "mlp: init is null");
        checkArgument(sizes.length >= 2,
                "mlp: need at least an input and an output size, got %s", Arrays.toString(sizes));
        for (int size : sizes) {
            checkArgument(size > 0, "mlp: sizes must be positive, got %s", Arrays.toString(sizes));
        }
        ImmutableList.Builder<Layer> layers = ImmutableList.builder();
        for (int i = 0; i + 1 < sizes.length; i++) {
            if (i > 0) {
                layers.add(activation);
            }
            layers.add(Linear.init(rng, sizes[i], sizes[i + 1], init));
        }
        return new Sequential(layers.build());
    }
}
