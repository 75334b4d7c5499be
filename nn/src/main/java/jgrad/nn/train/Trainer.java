package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import jgrad.core.Autodiff;
import jgrad.core.Params;
import jgrad.core.Tensor;
import jgrad.core.ValueAndGrad;
import jgrad.datasets.Batches;
import jgrad.datasets.Dataset;
import jgrad.nn.Layer;
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
     * Trains {@code model} for {@code settings.epochs()} epochs. Each epoch shuffles the training
     * set into batches of {@code settings.batchSize()} (with one generator seeded by {@code
     * settings.seed()} for the whole run) and, per batch, computes the loss and its gradient with
     * respect to the parameters in one forward and one backward pass, asks the optimiser for
     * updates and adds them to the parameters. After each epoch it records the mean of that
     * epoch's batch losses (each measured before its update), the validation loss and the
     * validation accuracy ({@link Metrics#accuracy}, treating the outputs as logits), and passes
     * the record to {@code listener}.
     *
     * <p>Shapes: {@code train.features() [n, in]} must fit the model; its outputs and the labels
     * must fit {@code loss}. Nothing is mutated: the input model is unchanged and the trained one
     * is returned.
     *
     * @throws IllegalArgumentException if the training or validation set is empty, or from the
     *     model or loss if shapes do not fit
     */
    public static <S> Fit fit(Layer model, Loss loss, GradientTransformation<S> optimizer,
            Dataset train, Dataset validation, TrainingSettings settings, EpochListener listener) {
        checkNotNull(model, "fit: model is null");
        checkNotNull(loss, "fit: loss is null");
        checkNotNull(optimizer, "fit: optimizer is null");
        checkNotNull(validation, "fit: validation set is null");
        checkNotNull(settings, "fit: settings is null");
        checkNotNull(listener, "fit: listener is null");
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
        RandomGenerator rng = new SplittableRandom(settings.seed());
        Params params = model.params();
        Params bestParams = null;
        double bestValidationLoss = Double.NaN;
        S state = optimizer.init(params);
        ImmutableList.Builder<EpochRecord> epochs = ImmutableList.builder();
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            double lossSum = 0;
            ImmutableList<Dataset> batches = Batches.shuffled(train, settings.batchSize(), rng);
            for (Dataset batch : batches) {
                // forward and loss, then backward: the gradient of the batch loss w.r.t. params
                ValueAndGrad<Params> lossAndGrads = Autodiff.valueAndGrad(p -> trainingLoss(loss,
                        model.withParams(p).apply(batch.features()), batch.labels()), params);
                // update: the optimiser turns gradients into steps, which are added to params
                Update<S> update = optimizer.update(lossAndGrads.grad(), state, params);
                params = params.plus(update.updates());
                state = update.state();
                lossSum += lossAndGrads.value().item();
            }
            Tensor validationOutputs = model.withParams(params).apply(validation.features());
            EpochRecord record = new EpochRecord(epoch, lossSum / batches.size(),
                    scalarLoss(loss, validationOutputs, validation.labels()).item(),
                    Metrics.accuracy(validationOutputs, validation.labels()));
            epochs.add(record);
            // As History.bestEpoch: the first epoch of lowest validation loss, NaN above all.
            if (bestParams == null
                    || Double.compare(record.validationLoss(), bestValidationLoss) < 0) {
                bestValidationLoss = record.validationLoss();
                bestParams = params;
            }
            listener.onEpoch(record);
        }
        return new Fit(model.withParams(params), model.withParams(bestParams),
                new History(epochs.build()));
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
