// cnn-digits.jsh: a small convolutional network reads the 8x8 digits as images.
// Run it with: ./notebook notebooks-jshell/cnn-digits.jsh
//
// train-digits.jsh feeds the 64 pixels to an MLP as a flat list: it would learn as well if the
// pixels were shuffled. A convolution instead slides one small kernel of weights over the
// image, so it looks for the same stroke everywhere, and pooling keeps the strongest response of
// each 2x2 patch. Two such stages, then one linear layer for the ten classes.

// 1. The data: 1797 digits, split 70/20/10 with seed 0, each pixel standardised with the
//    training split's mean and standard deviation (as in train-digits.jsh).
Split split = Split.of(Datasets.digits(), new SplittableRandom(0)).standardized();
Dataset train = split.train();
Dataset validation = split.validation();
Dataset test = split.test();
System.out.println(split);

// 2. The model. Unflatten turns each row of 64 features into an image of 1 channel, 8x8.
//    Conv2d(1, 16, 3x3, padding 1) keeps 8x8 and makes 16 channels; MaxPool2d(2) halves each
//    side; the second stage makes 32 channels of 2x2; Flatten gives 128 features for Linear.
//    Weights are PyTorch's defaults (uniform within 1/sqrt(fan-in)) from seed 0.
RandomGenerator rng = new SplittableRandom(0);
ConvOptions same = ConvOptions.defaults().withPadding(1);
Sequential cnn = Sequential.of(
        Unflatten.of(1, 1, 8, 8),
        Conv2d.init(rng, 1, 16, 3, same), Activation.RELU, MaxPool2d.of(2),
        Conv2d.init(rng, 16, 32, 3, same), Activation.RELU, MaxPool2d.of(2),
        new Flatten(),
        Linear.init(rng, 128, 10));
Summary summary = Summary.of(cnn, 32, 64);
System.out.println(summary);
// 16·(1·3·3) + 16 = 160, 32·(16·3·3) + 32 = 4640 and 10·128 + 10 = 1290: 6090 parameters,
// 2.5 times as many as train-digits.jsh's MLP with 32 hidden units (2410).
if (summary.totalParams() != 6090) {
    throw new AssertionError("expected 6090 parameters, got " + summary.totalParams());
}

// 3. Training: Adam with learning rate 0.005, batches of 32, 20 epochs, one line per epoch.
long start = System.nanoTime();
Fit fit = Trainer.fit(cnn, Optimizers.adam(0.005), train, validation,
        new TrainingSettings(20, 32, 0), EpochListener.printing());
System.out.printf("trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
History history = fit.history();

// 4. The learning curve (training and validation loss per epoch, drawn to a PNG) and the
//    diagnosis: the training loss falls to almost 0 while the validation loss levels off (it
//    does not rise again, so this is no over-fitting: a good fit).
System.out.print(history.table());
System.out.println(Plots.learningCurve(history, Plots.figure("cnn-digits.png")));
Diagnosis diagnosis = history.diagnose();
System.out.println("diagnosis: " + diagnosis);
if (diagnosis.regime() != FittingRegime.GOOD_FIT) {
    throw new AssertionError("expected a good fit: " + diagnosis);
}

// 5. Save the trained model (its parameters; it has no layer state such as batch-norm running
//    statistics) and load it into a freshly initialised model of the same shape: it must give
//    the same test accuracy.
Path folder = Files.createTempDirectory("cnn-digits");
Path file = folder.resolve("cnn.safetensors");
Checkpoint.of(fit.model()).save(file);
System.out.printf("saved %s (%d bytes)%n", file.getFileName(), Files.size(file));
Layer fresh = Sequential.of(
        Unflatten.of(1, 1, 8, 8),
        Conv2d.init(new SplittableRandom(1), 1, 16, 3, same), Activation.RELU, MaxPool2d.of(2),
        Conv2d.init(new SplittableRandom(1), 16, 32, 3, same), Activation.RELU, MaxPool2d.of(2),
        new Flatten(),
        Linear.init(new SplittableRandom(1), 128, 10));
Layer reloaded = Checkpoint.load(file).restore(fresh);
double accuracy = Metrics.accuracy(fit.model().apply(test.features()), test.labels());
double reloadedAccuracy = Metrics.accuracy(reloaded.apply(test.features()), test.labels());
System.out.printf("reloaded from the checkpoint: test accuracy %.4f%n", reloadedAccuracy);
if (reloadedAccuracy != accuracy) {
    throw new AssertionError("the reloaded model should predict as the trained one");
}
Files.delete(file);
Files.delete(folder);
if (accuracy < 0.97) {
    throw new AssertionError("a small CNN should reach 0.97 on the digits, got " + accuracy);
}
System.out.printf("test accuracy: %.4f%n", accuracy);
