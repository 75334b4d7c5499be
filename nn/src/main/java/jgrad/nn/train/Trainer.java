package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import jgrad.core.Autodiff;
import jgrad.core.DType;
import jgrad.core.Params;
import jgrad.core.Tensor;
import jgrad.core.ValueGradAux;
import jgrad.core.WithAux;
import jgrad.datasets.Batches;
import jgrad.datasets.Dataset;
import jgrad.nn.Forward;
import jgrad.nn.Layer;
import jgrad.nn.Mode;
import jgrad.nn.losses.Losses;
import jgrad.nn.optim.GradientTransformation;
import jgrad.nn.optim.Update;

/**
 * The training loop: mini-batch gradient descent on a classification data set.
 *
 * <pre>{@code
 * jshell> var split = Split.of(Datasets.iris(), new SplittableRandom(0)).standardized()
 * jshell> var fit = Trainer.fit(Mlp.init(new SplittableRandom(0), 4, 16, 3), Optimizers.adam(0.01),
 *    ...>         split.train(), split.validation(), new TrainingSettings(50, 16, 42),
 *    ...>         EpochListener.printing());
 * epoch   1  train loss 1.81406  validation loss 1.16738  validation accuracy 0.4000
 * ...
 * epoch  50  train loss 0.07109  validation loss 0.03949  validation accuracy 1.0000
 * jshell> fit.history().bestEpoch()
 * $3 ==> epoch  50  train loss 0.07109  validation loss 0.03949  validation accuracy 1.0000
 * }</pre>
 *
 * <p>The training loss of an epoch is the mean of its batch losses, each measured just before
 * its update, so it mixes the model's states across the epoch (in epoch 1 it is far above the
 * validation loss measured at the end); PyTorch loops usually report the same running mean.
 */
public final class Trainer {

    private Trainer() {}

    /**
     * Trains {@code model} with softmax cross-entropy on integer labels ({@code
     * Losses::softmaxCrossEntropy}, mean over each batch): {@code fit(model,
     * Losses::softmaxCrossEntropy, optimizer, train, validation, settings, listener)}.
     *
     * @throws IllegalArgumentException if the training or validation set is empty or shapes do
     *     not fit
     */
    public static <S> Fit fit(Layer model, GradientTransformation<S> optimizer, Dataset train,
            Dataset validation, TrainingSettings settings, EpochListener listener) {
        return fit(model, Losses::softmaxCrossEntropy, optimizer, train, validation, settings,
                listener);
    }

    /**
     * Trains {@code model} with {@code listener} as the only callback: {@code fit(model, loss,
     * optimizer, train, validation, settings, List.of(listener))}.
     *
     * @throws IllegalArgumentException if the training or validation set is empty, or from the
     *     model or loss if shapes do not fit
     */
    public static <S> Fit fit(Layer model, Loss loss, GradientTransformation<S> optimizer,
            Dataset train, Dataset validation, TrainingSettings settings, EpochListener listener) {
        checkNotNull(listener, "fit: listener is null");
        return fit(model, loss, optimizer, train, validation, settings, List.of(listener));
    }

    /**
     * Trains {@code model} for {@code settings.epochs()} epochs, the tutorial's loop: each epoch
     * shuffles the training set into batches of {@code settings.batchSize()} (one generator seeded
     * by {@code settings.seed()} for the whole run) and, per batch, (1) runs the model forward,
     * (2) computes the loss, (3) differentiates it with respect to the parameters (one backward
     * pass) and (4) asks the optimiser for updates and adds them to the parameters. After each
     * epoch it measures the validation loss and accuracy ({@link Metrics#accuracy}, treating the
     * outputs as logits) and records them with the mean of that epoch's batch losses (each taken
     * before its update) in the {@link History}.
     *
     * <p>{@code callbacks} are called after each batch (before its update), after each epoch, for
     * a learning-rate factor before each update, and at the end; any of them can stop training
     * ({@link History#stopReason()} says why). Before them come {@link StopOnNonFiniteLoss}
     * (unless {@code settings.stopOnNonFiniteLoss()} is false) and, when output is a terminal, a
     * {@link TrainingProgress} bar. {@link Fit#model()} has the last parameters, or those of the
     * callback that restores kept parameters ({@link EarlyStopping} with best weights).
     *
     * <p>The forward pass of each batch runs in training mode ({@link Mode#training}, dropout
     * masks drawn from a second generator split from one seeded by {@code settings.seed()}), and
     * the layers' state it returns (batch normalisation's running statistics) replaces the
     * model's state for the next batch; validation runs in evaluation mode ({@link
     * Layer#apply}). {@link Fit#model()} has the final state, {@link Fit#bestModel()} the state of
     * its epoch.
     *
     * <p>The same loop runs in float64 and float32: the features are cast to the parameters'
     * dtype. Shapes: {@code train.features() [n, in]} must fit the model; its outputs and the
     * labels must fit {@code loss}. Nothing is mutated: the input model is unchanged.
     *
     * @throws IllegalArgumentException if the training or validation set is empty, the
     *     parameters mix dtypes, two callbacks restore kept parameters, or from the model or loss
     *     if shapes do not fit
     */
    public static <S> Fit fit(Layer model, Loss loss, GradientTransformation<S> optimizer,
            Dataset train, Dataset validation, TrainingSettings settings,
            List<? extends Callback> callbacks) {
        checkArguments(model, loss, optimizer, train, validation, settings, callbacks);
        CallbackList hooks = CallbackList.of(callbacks, settings);
        DType dtype = parameterDtype(model);
        Tensor validationFeatures = validation.features().cast(dtype);
        RandomGenerator rng = new SplittableRandom(settings.seed());
        Mode training = Mode.training(new SplittableRandom(settings.seed()).split());
        Params params = model.params();
        Params layerState = model.state();
        S state = optimizer.init(params);
        History history = History.empty();
        long step = 0;
        try {
            epochs:
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                ImmutableList<Dataset> batches = Batches.shuffled(train, settings.batchSize(), rng);
                double lossSum = 0;
                for (int b = 0; b < batches.size(); b++) {
                    Dataset batch = batches.get(b);
                    Tensor features = batch.features().cast(dtype);
                    // (1) forward in training mode, (2) loss, (3) backward: the batch loss, its
                    // gradient, and the layers' new state (batch-norm running statistics)
                    Layer current = model.withState(layerState);
                    ValueGradAux<Params, Params> lossAndGrads = Autodiff.valueAndGradWithAux(
                            p -> trainingStep(loss, current.withParams(p), features,
                                    batch.labels(), training), params);
                    double batchLoss = lossAndGrads.value().item();
                    lossSum += batchLoss;
                    if (hooks.afterBatch(new BatchEnd(epoch, b + 1, batches.size(), step,
                            batchLoss, lossSum / (b + 1)))) {
                        break epochs;
                    }
                    // (4) update: the optimiser turns gradients into steps added to params
                    Update<S> update = optimizer.update(lossAndGrads.grad(), state, params);
                    params = params.plus(scaled(update.updates(),
                            hooks.learningRateFactor(epoch, step)));
                    state = update.state();
                    layerState = lossAndGrads.aux();
                    step++;
                }
                // validation, once per epoch, in evaluation mode
                Layer trained = model.withParams(params).withState(layerState);
                Tensor outputs = trained.apply(validationFeatures);
                EpochRecord record = new EpochRecord(epoch, lossSum / batches.size(),
                        scalarLoss(loss, outputs, validation.labels()).item(),
                        Metrics.accuracy(outputs, validation.labels()));
                history = history.plus(record);
                // optimisers that watch a metric (reduce-on-plateau) see the validation loss
                state = optimizer.observe(state, record.validationLoss());
                if (hooks.afterEpoch(new EpochEnd(record, history, trained, state, step))) {
                    break;
                }
            }
        } finally {
            hooks.afterTraining(history);
        }
        Optional<String> stopReason = hooks.stopReason();
        Layer last = model.withParams(params).withState(layerState);
        return new Fit(hooks.finalModel(last), hooks.lowestValidationLossModel(last),
                stopReason.isPresent() ? history.withStopReason(stopReason.get()) : history);
    }

    /** {@code updates} times {@code factor}, skipping the multiplication when it is 1. */
    private static Params scaled(Params updates, double factor) {
        return factor == 1 ? updates : updates.scale(factor);
    }

    /** The one dtype of the model's parameters. */
    private static DType parameterDtype(Layer model) {
        DType dtype = null;
        for (Map.Entry<String, Tensor> entry : model.params().asMap().entrySet()) {
            DType own = entry.getValue().dtype();
            checkArgument(dtype == null || dtype == own, "fit: the parameters mix dtypes (%s is"
                    + " %s, an earlier one %s); cast them to one", entry.getKey(), own, dtype);
            dtype = own;
        }
        return dtype == null ? DType.FLOAT64 : dtype;
    }

    private static void checkArguments(Layer model, Loss loss, GradientTransformation<?> optimizer,
            Dataset train, Dataset validation, TrainingSettings settings,
            List<? extends Callback> callbacks) {
        checkNotNull(model, "fit: model is null");
        checkNotNull(loss, "fit: loss is null");
        checkNotNull(optimizer, "fit: optimizer is null");
        checkNotNull(validation, "fit: validation set is null");
        checkNotNull(settings, "fit: settings is null");
        checkNotNull(callbacks, "fit: callbacks is null");
        checkArgument(checkNotNull(train, "fit: training set is null").size() > 0,
                "fit: the training set is empty");
        checkArgument(validation.size() > 0, "fit: the validation set is empty; hold out part of"
                + " the data for it (Split.of keeps 20%)");
        // Checked before the first epoch rather than discovered after it.
        checkArgument(validation.numFeatures() == train.numFeatures()
                        && validation.classNames().equals(train.classNames()),
                "fit: the validation set (%s features, classes %s) does not match the training set"
                        + " (%s features, classes %s)", validation.numFeatures(),
                validation.classNames(), train.numFeatures(), train.classNames());
    }

    /** The batch loss in training mode, with the layers' new state beside it. */
    private static WithAux<Params> trainingStep(Loss loss, Layer model, Tensor features,
            ImmutableIntArray labels, Mode mode) {
        Forward forward = model.forward(features, mode);
        return new WithAux<>(trainingLoss(loss, forward.output(), labels), forward.state());
    }

    /** The batch loss, which must depend on the parameters being differentiated. */
    private static Tensor trainingLoss(Loss loss, Tensor outputs, ImmutableIntArray labels) {
        Tensor value = scalarLoss(loss, outputs, labels);
        checkArgument(value.isTraced(), "fit: the loss does not depend on the model's parameters,"
                + " so every gradient would be zero; does the model's withParams(params) return a"
                + " model that uses them?");
        return value;
    }

    private static Tensor scalarLoss(Loss loss, Tensor outputs, ImmutableIntArray labels) {
        Tensor value = checkNotNull(loss.apply(outputs, labels), "fit: the loss returned null");
        checkArgument(value.rank() == 0, "fit: the loss must return a scalar (shape []), got"
                + " shape %s; reduce it (Reduction.MEAN or SUM)", value.shape());
        return value;
    }
}
