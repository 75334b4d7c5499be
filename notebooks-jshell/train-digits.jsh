// train-digits.jsh: a multilayer perceptron learns to read 8x8 hand-written digits.
// Run it with: ./notebook notebooks-jshell/train-digits.jsh
//
// The whole loop is visible: initialise weights, forward f(Wx + b), loss, backward by the chain
// rule, gradient-descent update; then epochs of shuffled mini-batches.

// 1. The data: 1797 images of 8x8 grey pixels (values 0..16), each labelled 0..9.
Dataset digits = Datasets.digits();
System.out.println(digits);

// 2. Split 70/20/10 with a seed: train on 70 %, choose settings on 20 %, report on the last 10 %.
//    Standardise each pixel column (z-score) with the mean and std of the training split only,
//    so nothing about the validation or test images leaks into training.
//    (Seed 0 throughout. The test split is small, 179 images, so its accuracy moves by about
//    +-1.5 points from one split seed to another: over seeds 0..7 it ranged 0.939..0.983.)
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
        params -> crossEntropy.apply(model.withParams(params).apply(batch.features()), batch.labels()),
        model.params());                                   // forward, loss, backward
Params stepped = model.params().plus(lossAndGrads.grad().scale(-learningRate));  // update
double after = crossEntropy.apply(model.withParams(stepped).apply(batch.features()), batch.labels()).item();
System.out.printf("one step on a batch of %d: loss %.4f -> %.4f%n",
        batch.size(), lossAndGrads.value().item(), after);
if (!(after < lossAndGrads.value().item())) {
    throw new AssertionError("a gradient-descent step should lower the batch loss");
}

// 6. Training: 30 epochs of shuffled mini-batches of 32 (about 40 iterations per epoch), SGD.
//    One line per epoch: mean training loss, validation loss, validation accuracy.
int epochs = 30;
int batchSize = 32;
System.out.printf("%d training samples, batch size %d: %d iterations per epoch%n",
        train.size(), batchSize, (train.size() + batchSize - 1) / batchSize);
Fit fit = Trainer.fit(model, crossEntropy, Optimizers.sgd(learningRate), train, validation,
        new TrainingSettings(epochs, batchSize, 0), EpochListener.printing());

// 7. The test split, untouched until now, gives the final figure.
Tensor testLogits = fit.model().apply(test.features());
System.out.printf("best validation epoch: %s%n", fit.history().bestEpoch());
System.out.printf("test accuracy: %.4f%n", Metrics.accuracy(testLogits, test.labels()));
