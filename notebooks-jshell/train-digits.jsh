// train-digits.jsh: a multilayer perceptron learns to read 8x8 hand-written digits.
// Run it with: ./notebook notebooks-jshell/train-digits.jsh
//
// Every part of training is written out here: initialise weights, forward f(Wx + b), loss,
// backward (autodiff applies the chain rule), gradient-descent update; first as one step on one
// batch, then as the loop that repeats that step over shuffled mini-batches, epoch after epoch.

// 1. The data: 1797 images of 8x8 grey pixels (values 0..16), each labelled 0..9.
Dataset digits = Datasets.digits();
System.out.println(digits);

// 2. Split 70/20/10 with a seed: train on 70 %, choose settings on 20 %, report on the last 10 %.
//    Standardise each pixel column (z-score) with the mean and std of the training split only,
//    so nothing about the validation or test images leaks into training.
//    (Seed 0 throughout. The test split is small, 179 images (one image = 0.56 points), so the
//    test accuracy depends on the seeds. Measured separately: split seeds 0..7 with init and
//    shuffle seeds 0 gave 0.955..0.994 (standard deviation 1.4 points); split seed 0 with init
//    and shuffle seeds 0..7 gave 0.972..0.989; all three seeds 0..7 together gave 0.939..0.983.)
Split split = Split.of(digits, new SplittableRandom(0)).standardized();
System.out.println(split);
Dataset train = split.train();
Dataset validation = split.validation();
Dataset test = split.test();

// 3. One-hot targets: label 3 becomes [0, 0, 0, 1, 0, 0, 0, 0, 0, 0].
Tensor trainTargets = OneHot.encode(train.labels(), 10);
System.out.println("first training label " + train.labels().get(0) + ", one-hot: "
        + Arrays.toString(Arrays.copyOf(trainTargets.toArray(), 10)));

// 4. The model: 64 inputs -> 32 hidden units (ReLU) -> 10 logits, He-initialised from a seed.
Sequential model = Mlp.init(new SplittableRandom(0), Activation.RELU, 64, 32, 10);
System.out.println(model + " with " + model.params().numElements() + " parameters: "
        + model.params());

// The loss: softmax cross-entropy between the logits and the one-hot targets, mean over a batch.
Loss crossEntropy =
        (logits, labels) -> Losses.softmaxCrossEntropy(logits, OneHot.encode(labels, 10));

// 5. One gradient-descent step by hand, to see every part of the loop.
double learningRate = 0.1;
Dataset batch = Batches.shuffled(train, 32, new SplittableRandom(1)).get(0);
var lossAndGrads = Autodiff.valueAndGrad(
        params -> crossEntropy.apply(model.withParams(params).apply(batch.features()),
                batch.labels()),
        model.params());                                   // forward, loss, backward
Params stepped = model.params().plus(lossAndGrads.grad().scale(-learningRate));  // update
double after = crossEntropy.apply(model.withParams(stepped).apply(batch.features()),
        batch.labels()).item();
System.out.printf("one step on a batch of %d: loss %.4f -> %.4f%n",
        batch.size(), lossAndGrads.value().item(), after);
if (!(after < lossAndGrads.value().item())) {
    throw new AssertionError("a gradient-descent step should lower the batch loss");
}

// 6. Training: the step of section 5 for every mini-batch of 32, with the batches shuffled anew
//    each epoch, for 30 epochs (about 40 steps per epoch). The optimiser turns gradients into
//    updates: SGD's are -learningRate * grads, as in section 5 (Optimizers.adam(0.01) drops in).
//    One line per epoch. The training loss of an epoch is the mean of its batch losses, each
//    measured before its update while the weights keep changing; the validation loss is measured
//    after the epoch. So in epoch 1 the training loss is far above the validation loss.
int epochs = 30;
int batchSize = 32;
System.out.printf("%d training samples, batch size %d: %d iterations per epoch%n",
        train.size(), batchSize, (train.size() + batchSize - 1) / batchSize);
var optimizer = Optimizers.sgd(learningRate);
RandomGenerator shuffling = new SplittableRandom(0);
Params params = model.params();
var state = optimizer.init(params);
List<EpochRecord> records = new ArrayList<>();
for (int epoch = 1; epoch <= epochs; epoch++) {
    double lossSum = 0;
    List<Dataset> batches = Batches.shuffled(train, batchSize, shuffling);
    for (Dataset miniBatch : batches) {
        var batchLossAndGrads = Autodiff.valueAndGrad(
                p -> crossEntropy.apply(model.withParams(p).apply(miniBatch.features()),
                        miniBatch.labels()),
                params);                                       // forward, loss, backward
        var update = optimizer.update(batchLossAndGrads.grad(), state, params);
        params = params.plus(update.updates());                // update
        state = update.state();
        lossSum += batchLossAndGrads.value().item();
    }
    Tensor validationLogits = model.withParams(params).apply(validation.features());
    EpochRecord record = new EpochRecord(epoch, lossSum / batches.size(),
            crossEntropy.apply(validationLogits, validation.labels()).item(),
            Metrics.accuracy(validationLogits, validation.labels()));
    records.add(record);
    System.out.println(record);
}
History history = new History(ImmutableList.copyOf(records));
Layer trained = model.withParams(params);

// Trainer.fit packages this same loop (nn/src/main/java/jgrad/nn/train/Trainer.java, used by
// learning-curves.jsh): from the same model and seed its first epoch is identical to ours.
Fit oneEpoch = Trainer.fit(model, crossEntropy, optimizer, train, validation,
        new TrainingSettings(1, batchSize, 0), EpochListener.silent());
if (!oneEpoch.history().last().equals(records.get(0))) {
    throw new AssertionError("Trainer.fit should run the loop above: " + oneEpoch.history());
}
if (!(records.get(0).trainLoss() > 1.5 * records.get(0).validationLoss())) {
    throw new AssertionError("epoch 1's training loss should be far above its validation loss");
}

// The learning curve: training loss (solid) and validation loss (dashed) on a logarithmic
// axis, and validation accuracy, by epoch.
System.out.println(Plots.learningCurve(history, Plots.figure("train-digits.png")));

// 7. The test split, untouched until now, gives the final figure.
Tensor testLogits = trained.apply(test.features());
System.out.printf("best validation epoch: %s%n", history.bestEpoch());
System.out.printf("test accuracy: %.4f%n", Metrics.accuracy(testLogits, test.labels()));
