package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.random.RandomGenerator;
import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Inverted dropout (Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from
 * Overfitting", JMLR 2014; PyTorch's {@code nn.Dropout(p)}): in training each element is zeroed
 * with probability {@code p} and the kept ones are scaled by {@code 1 / (1 - p)}, so the expected
 * output equals the input and evaluation needs no scaling; in evaluation the layer is the
 * identity.
 *
 * <p>Training and evaluation come from the {@link Mode} argument of {@link #forward}; {@link
 * #apply} is evaluation. The keep mask is drawn from the training mode's generator ({@code 1}
 * with probability {@code 1 - p}), or given with {@link #apply(Tensor, Tensor)}. With {@code p =
 * 1} every element is dropped: the output and its gradient are 0, not NaN (a selection, not a
 * product with {@code 1 / 0}). Shapes: output same as input, any rank; float64 or float32.
 *
 * <p>Composite: the core's {@link Tensor#dropout(double, boolean, RandomGenerator)} and {@link
 * Tensor#dropout(double, Tensor)}, {@code where(mask, x / (1 - p), 0)}; no vjp of its own. The
 * gradient is {@code cotangent / (1 - p)} where kept and exactly 0 where dropped.
 *
 * <pre>{@code
 * jshell> new Dropout(0.5).forward(Tensor.ones(6), Mode.training(new SplittableRandom(1))).output()
 * }</pre>
 *
 * @param p the drop probability, in {@code [0, 1]}
 */
public record Dropout(double p) implements Layer {

    /** @throws IllegalArgumentException unless {@code 0 <= p <= 1} */
    public Dropout {
        checkArgument(p >= 0 && p <= 1, "dropout: p must lie in [0, 1], got %s", p);
    }

    /** PyTorch's default, {@code p = 0.5}. */
    public Dropout() {
        this(0.5);
    }

    /** Evaluation: the input unchanged. */
    @Override
    public Tensor apply(Tensor input) {
        return checkNotNull(input, "dropout: input is null");
    }

    /**
     * In training mode, {@code x · mask / (1 - p)} with a mask drawn from the mode's generator
     * (one draw per element); in evaluation, {@code x}. No state.
     */
    @Override
    public Forward forward(Tensor input, Mode mode) {
        checkNotNull(input, "dropout: input is null");
        checkNotNull(mode, "dropout: mode is null");
        if (!(mode instanceof Mode.Training training)) {
            return new Forward(input, Params.of());
        }
        return new Forward(input.dropout(p, true, training.rng()), Params.of());
    }

    /**
     * Training-mode dropout with a given keep mask: {@code x / (1 - p)} where the mask is 1, 0
     * where it is 0 (and everywhere when {@code p = 1}). Shapes: {@code keepMask} broadcasts to
     * {@code x} ({@code [batch, channels, 1, 1]} drops whole channels); values 0 or 1.
     *
     * @throws IllegalArgumentException if the mask does not broadcast to {@code x} or holds a
     *     value other than 0 and 1
     */
    public Tensor apply(Tensor x, Tensor keepMask) {
        checkNotNull(x, "dropout: input is null");
        checkNotNull(keepMask, "dropout: keepMask is null");
        return x.dropout(p, keepMask);
    }

    /** No parameters. */
    @Override
    public Params params() {
        return Params.of();
    }

    /** This layer; {@code params} must be empty. */
    @Override
    public Dropout withParams(Params params) {
        ParamsChecks.checkMatches("dropout", Params.of(), params);
        return this;
    }

    /** {@code Dropout(p=0.5)}, as PyTorch prints it. */
    @Override
    public String toString() {
        return "Dropout(p=" + p + ")";
    }
}
