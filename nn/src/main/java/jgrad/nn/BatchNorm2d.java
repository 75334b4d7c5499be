package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Batch normalisation over a batch of images (Ioffe &amp; Szegedy, "Batch
 * Normalization", ICML 2015, algorithm 1; PyTorch's {@code nn.BatchNorm2d}): per channel {@code
 * c}, {@code y = (x - mean_c) / sqrt(var_c + eps) · weight_c + bias_c}.
 *
 * <p><b>Training</b> ({@link #forward} with {@link Mode#training}): {@code mean_c} and {@code
 * var_c} are the batch's, over the batch, height and width axes, with the <em>biased</em> variance
 * (divided by {@code n}, the values per channel); the returned state holds the new running
 * statistics, {@code running = (1 - momentum) · running + momentum · batch}, with the
 * <em>unbiased</em> variance (divided by {@code n - 1}) — PyTorch's conventions (its momentum
 * 0.1 is Keras's 0.9: the libraries define momentum oppositely). {@code n = 1} is an error, as in
 * PyTorch. <b>Evaluation</b> ({@link #apply}): the running statistics. The layer itself never
 * changes: apply the returned state with {@link #withState}.
 *
 * <p>Shapes: {@code x [batch, C, height, width]}; {@code weight}, {@code bias},
 * {@code runningMean}, {@code runningVar} {@code [C]}; output same as {@code x}. Float64 or
 * float32, all alike. Parameter paths {@code "weight"}, {@code "bias"}; state paths {@code
 * "running_mean"}, {@code "running_var"} (PyTorch's buffer names; its {@code num_batches_tracked}
 * counter, used only when momentum is {@code None}, is not kept).
 *
 * <p>Composite: no vjp of its own; in training the gradient flows through the batch statistics.
 *
 * <pre>{@code
 * jshell> var norm = BatchNorm2d.init(3);
 * jshell> var out = norm.forward(x, Mode.training(rng));
 * jshell> norm = norm.withState(out.state());
 * }</pre>
 *
 * @param weight      the scale {@code gamma}, {@code [C]} (initially 1)
 * @param bias        the shift {@code beta}, {@code [C]} (initially 0)
 * @param runningMean the running mean, {@code [C]} (initially 0)
 * @param runningVar  the running unbiased variance, {@code [C]} (initially 1)
 * @param eps         added to the variance, positive (default 1e-5)
 * @param momentum    the weight of the batch statistic in the running average, in [0, 1]
 *                    (default 0.1)
 */
public record BatchNorm2d(Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar,
        double eps, double momentum) implements Layer {

    private static final String NAME = "batchNorm2d";

    /**
     * @throws IllegalArgumentException if the tensors are not all {@code [C]} of one dtype, eps
     *     is not positive or momentum is outside [0, 1]
     */
    public BatchNorm2d {
        BatchNorms.checkComponents(NAME, weight, bias, runningMean, runningVar, eps, momentum);
    }

    /**
     * PyTorch's initial layer for {@code channels} channels: weight 1, bias 0, running mean 0,
     * running variance 1, eps 1e-5, momentum 0.1; float64.
     *
     * @throws IllegalArgumentException if {@code channels} is not positive
     */
    public static BatchNorm2d init(int channels) {
        return init(channels, 1e-5, 0.1);
    }

    /**
     * The initial layer with the given {@code eps} and {@code momentum}.
     *
     * @throws IllegalArgumentException if {@code channels} or eps is not positive, or momentum is
     *     outside [0, 1]
     */
    public static BatchNorm2d init(int channels, double eps, double momentum) {
        checkArgument(channels > 0, "batchNorm2d: channels must be positive, got %s", channels);
        return new BatchNorm2d(Tensor.ones(channels), Tensor.zeros(channels),
                Tensor.zeros(channels), Tensor.ones(channels), eps, momentum);
    }

    /** The number of channels, {@code C}. */
    public int channels() {
        return weight.shape().dim(0);
    }

    /**
     * Evaluation: normalised with the running statistics. Shapes: {@code [batch, C, height,
     * width]} -> same.
     *
     * @throws IllegalArgumentException if the input's shape does not fit, naming it
     */
    @Override
    public Tensor apply(Tensor input) {
        checkInput(input);
        return BatchNorms.evaluate(input, weight, bias, runningMean, runningVar, eps);
    }

    /**
     * In training mode, normalised with the batch statistics, and the new running statistics as
     * state; in evaluation mode, {@link #apply} and the unchanged state.
     *
     * @throws IllegalArgumentException if the input's shape does not fit, or in training if
     *     there is only one value per channel
     */
    @Override
    public Forward forward(Tensor input, Mode mode) {
        checkNotNull(mode, "batchNorm2d: mode is null");
        if (!mode.isTraining()) {
            return new Forward(apply(input), state());
        }
        checkInput(input);
        return BatchNorms.train(NAME, input, weight, bias, runningMean, runningVar, eps,
                momentum);
    }

    private void checkInput(Tensor input) {
        checkNotNull(input, "batchNorm2d: input is null");
        checkArgument(input.rank() == 4 && input.shape().dim(1) == channels(),
                "batchNorm2d: x [batch, %s, height, width] expected, got shape %s",
                channels(), input.shape());
    }

    /** {@code Params{weight=[C], bias=[C]}}. */
    @Override
    public Params params() {
        return Params.of(BatchNorms.WEIGHT, weight, BatchNorms.BIAS, bias);
    }

    /**
     * This layer with the {@code weight} and {@code bias} of {@code params}. The running
     * statistics are cast to their dtype when it differs, as PyTorch's {@code module.to(dtype)}
     * casts buffers with the parameters: {@code withParams(params().map(t -> t.cast(FLOAT32)))}
     * gives a float32 layer.
     *
     * @throws IllegalArgumentException if paths or shapes differ from {@link #params()}, or the
     *     weight and bias differ in dtype
     */
    @Override
    public BatchNorm2d withParams(Params params) {
        ParamsChecks.checkMatches(NAME, params(), params);
        Tensor newWeight = params.get(BatchNorms.WEIGHT);
        return new BatchNorm2d(newWeight, params.get(BatchNorms.BIAS),
                runningMean.cast(newWeight.dtype()), runningVar.cast(newWeight.dtype()), eps,
                momentum);
    }

    /** {@code Params{running_mean=[C], running_var=[C]}}. */
    @Override
    public Params state() {
        return Params.of(BatchNorms.RUNNING_MEAN, runningMean, BatchNorms.RUNNING_VAR,
                runningVar);
    }

    /**
     * This layer with the running statistics of {@code state}.
     *
     * @throws IllegalArgumentException if paths or shapes differ from {@link #state()}, or the
     *     dtype differs from the parameters'
     */
    @Override
    public BatchNorm2d withState(Params state) {
        ParamsChecks.checkMatches(NAME, "withState", state(), state);
        return new BatchNorm2d(weight, bias, state.get(BatchNorms.RUNNING_MEAN),
                state.get(BatchNorms.RUNNING_VAR), eps, momentum);
    }

    /** {@code BatchNorm2d(3, eps=1.0E-5, momentum=0.1)}. */
    @Override
    public String toString() {
        return "BatchNorm2d(" + channels() + ", eps=" + eps + ", momentum=" + momentum + ")";
    }
}
