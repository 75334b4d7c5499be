package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Lists;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.ToDoubleBiFunction;
import java.util.random.RandomGenerator;
import jgrad.core.Autodiff;
import jgrad.core.DType;
import jgrad.core.Params;
import jgrad.core.Tensor;
import jgrad.core.ValueGradAux;
import jgrad.core.WithAux;
import jgrad.datasets.Batches;
import jgrad.datasets.Dataset;
import jgrad.datasets.RegressionData;
import jgrad.nn.Forward;
import jgrad.nn.Layer;
import jgrad.nn.Mode;
import jgrad.nn.losses.Losses;
import jgrad.nn.optim.GradientTransformation;
import jgrad.nn.optim.Update;

/**
 * The training loop: mini-batch gradient descent on a classification data set ({@code fit}) or
 * a regression data set ({@code fitRegression}, losses only).
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
     * {@link TrainingProgress} bar ({@code -Djgrad.progress=false} turns it off, {@code true}
     * draws it without a terminal too). {@link Fit#model()} has the last parameters, or those of
     * the callback that restores kept parameters ({@link EarlyStopping} with best weights).
     *
     * <p>The forward pass of each batch runs in training mode ({@link Mode#training}, dropout
     * masks drawn from a second generator split from one seeded by {@code settings.seed()}), and
     * the layers' state it returns (batch normalisation's running statistics) replaces the
     * model's state for the next batch; validation runs in evaluation mode ({@link
     * Layer#apply}). {@link Fit#model()} has the final state, {@link Fit#bestModel()} the state of
     * its epoch.
     *
     * <p>The same loop runs in float64 and float32: floating-point features are cast to the
     * parameters' dtype; integer features (INT32, INT64: token indices for a model that starts
     * with an {@code Embedding}) are passed to the model as they are. Shapes: {@code train.features() [n, in]} must fit the model; its outputs and the
     * labels must fit {@code loss}. Nothing is mutated: the input model is unchanged.
     *
     * @throws IllegalArgumentException if the training or validation set is empty, the
     *     parameters mix dtypes, two callbacks restore kept parameters, the system property
     *     {@code jgrad.progress} is not true, false or auto, or from the model or loss if shapes
     *     do not fit
     */
    public static <S> Fit fit(Layer model, Loss loss, GradientTransformation<S> optimizer,
            Dataset train, Dataset validation, TrainingSettings settings,
            List<? extends Callback> callbacks) {
        checkArguments(model, loss, optimizer, train, validation, settings, callbacks);
        return run(model, loss::apply, Metrics::accuracy, optimizer,
                (rng, dtype) -> Lists.transform(
                        Batches.shuffled(train, settings.batchSize(), rng),
                        batch -> new Batch<>(inputs(batch.features(), dtype), batch.labels())),
                validation.features(), validation.labels(), settings, callbacks);
    }

    /**
     * Trains a regression model with {@code listener} as the only callback: {@code
     * fitRegression(model, loss, optimizer, train, validation, settings, List.of(listener))}.
     *
     * @throws IllegalArgumentException if a set is empty or the sets do not match
     */
    public static <S> Fit fitRegression(Layer model, RegressionLoss loss,
            GradientTransformation<S> optimizer, RegressionData train, RegressionData validation,
            TrainingSettings settings, EpochListener listener) {
        checkNotNull(listener, "fitRegression: listener is null");
        return fitRegression(model, loss, optimizer, train, validation, settings,
                List.of(listener));
    }

    /**
     * Trains a regression model: the loop of {@link #fit(Layer, Loss, GradientTransformation,
     * Dataset, Dataset, TrainingSettings, List)} (same batches, callbacks, training and evaluation
     * modes, float64 or float32) on real-valued targets, with a loss of {@code (predictions,
     * targets)} such as {@code Losses::meanSquaredError}, and no class labels. It reports losses
     * only: each {@link EpochRecord#validationAccuracy()} is NaN, and the records print without
     * it. The targets and floating-point features are cast to the parameters' dtype (integer
     * features are passed as they are, as in {@code fit}).
     *
     * <pre>{@code
     * jshell> var line = Synthetic.line(200, 2, -1, 0.1, new SplittableRandom(0));
     * jshell> var fit = Trainer.fitRegression(Linear.init(new SplittableRandom(1), 1, 1),
     *    ...>         Losses::meanSquaredError, Optimizers.sgd(0.1), line, line,
     *    ...>         new TrainingSettings(20, 16, 0), EpochListener.printing());
     * jshell> fit.model()      // weight near 2, bias near -1
     * }</pre>
     *
     * <p>Shapes: {@code train.features() [n, in]} must fit the model; its outputs must fit {@code
     * loss} together with {@code train.targets() [n, out]}.
     *
     * @throws IllegalArgumentException if the training or validation set is empty, the sets
     *     differ in feature or target columns, the parameters mix dtypes, or from the model or
     *     loss if shapes do not fit
     */
    public static <S> Fit fitRegression(Layer model, RegressionLoss loss,
            GradientTransformation<S> optimizer, RegressionData train, RegressionData validation,
            TrainingSettings settings, List<? extends Callback> callbacks) {
        checkNotNull(model, "fitRegression: model is null");
        checkNotNull(loss, "fitRegression: loss is null");
        checkNotNull(optimizer, "fitRegression: optimizer is null");
        checkNotNull(settings, "fitRegression: settings is null");
        checkNotNull(callbacks, "fitRegression: callbacks is null");
        checkArgument(checkNotNull(train, "fitRegression: training set is null").size() > 0,
                "fitRegression: the training set is empty");
        checkArgument(checkNotNull(validation, "fitRegression: validation set is null").size() > 0,
                "fitRegression: the validation set is empty; hold out part of the data for it");
        checkArgument(validation.features().shape().dim(1) == train.features().shape().dim(1)
                        && validation.targets().shape().dim(1) == train.targets().shape().dim(1),
                "fitRegression: the validation set (features %s, targets %s) does not match the"
                        + " training set (features %s, targets %s)", validation.features().shape(),
                validation.targets().shape(), train.features().shape(), train.targets().shape());
        DType dtype = parameterDtype(model);
        Tensor features = inputs(train.features(), dtype);
        Tensor targets = train.targets().cast(dtype);
        int n = train.size();
        int batchSize = settings.batchSize();
        return run(model, loss::apply, (outputs, wanted) -> Double.NaN, optimizer,
                (rng, unused) -> {
                    int[] order = Batches.permutation(n, rng).toArray();
                    ImmutableList.Builder<Batch<Tensor>> batches = ImmutableList.builder();
                    for (int from = 0; from < n; from += batchSize) {
                        Tensor rows = Tensor.ofInts(
                                Arrays.copyOfRange(order, from, Math.min(n, from + batchSize)));
                        batches.add(new Batch<>(features.indexSelect(0, rows),
                                targets.indexSelect(0, rows)));
                    }
                    return batches.build();
                },
                validation.features(), validation.targets().cast(dtype), settings, callbacks);
    }

    /** One batch: features of the parameters' dtype and their targets (labels or values). */
    private record Batch<T>(Tensor features, T targets) {}

    /**
     * The loop of both {@code fit} and {@code fitRegression}, for targets of type {@code T}:
     * {@code batches} cuts the training set (features already cast) for one epoch.
     */
    private static <S, T> Fit run(Layer model, BiFunction<Tensor, T, Tensor> loss,
            ToDoubleBiFunction<Tensor, T> accuracy, GradientTransformation<S> optimizer,
            BiFunction<RandomGenerator, DType, List<Batch<T>>> batches, Tensor validationFeatures,
            T validationTargets, TrainingSettings settings, List<? extends Callback> callbacks) {
        CallbackList hooks = CallbackList.of(callbacks, settings);
        DType dtype = parameterDtype(model);
        Tensor validationInputs = inputs(validationFeatures, dtype);
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
                List<Batch<T>> epochBatches = batches.apply(rng, dtype);
                double lossSum = 0;
                for (int b = 0; b < epochBatches.size(); b++) {
                    Batch<T> batch = epochBatches.get(b);
                    // (1) forward in training mode, (2) loss, (3) backward: the batch loss, its
                    // gradient, and the layers' new state (batch-norm running statistics)
                    Layer current = model.withState(layerState);
                    ValueGradAux<Params, Params> lossAndGrads = Autodiff.valueAndGradWithAux(
                            p -> trainingStep(loss, current.withParams(p), batch.features(),
                                    batch.targets(), training), params);
                    double batchLoss = lossAndGrads.value().item();
                    lossSum += batchLoss;
                    if (hooks.afterBatch(new BatchEnd(epoch, b + 1, epochBatches.size(), step,
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
                Tensor outputs = trained.apply(validationInputs);
                EpochRecord record = new EpochRecord(epoch, lossSum / epochBatches.size(),
                        scalarLoss(loss, outputs, validationTargets).item(),
                        accuracy.applyAsDouble(outputs, validationTargets));
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

    /**
     * The features as the model gets them: floating-point features cast to the parameters' dtype,
     * integer ones (indices for an {@code Embedding}) untouched.
     */
    private static Tensor inputs(Tensor features, DType dtype) {
        return features.dtype().isFloatingPoint() ? features.cast(dtype) : features;
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
    private static <T> WithAux<Params> trainingStep(BiFunction<Tensor, T, Tensor> loss,
            Layer model, Tensor features, T targets, Mode mode) {
        Forward forward = model.forward(features, mode);
        return new WithAux<>(trainingLoss(loss, forward.output(), targets), forward.state());
    }

    /** The batch loss, which must depend on the parameters being differentiated. */
    private static <T> Tensor trainingLoss(BiFunction<Tensor, T, Tensor> loss, Tensor outputs,
            T targets) {
        Tensor value = scalarLoss(loss, outputs, targets);
        checkArgument(value.isTraced(), "fit: the loss does not depend on the model's parameters,"
                + " so every gradient would be zero; does the model's withParams(params) return a"
                + " model that uses them?");
        return value;
    }

    private static <T> Tensor scalarLoss(BiFunction<Tensor, T, Tensor> loss, Tensor outputs,
            T targets) {
        Tensor value = checkNotNull(loss.apply(outputs, targets), "fit: the loss returned null");
        checkArgument(value.rank() == 0, "fit: the loss must return a scalar (shape []), got"
                + " shape %s; reduce it (Reduction.MEAN or SUM)", value.shape());
        return value;
    }
}
