// train-fashion-mnist.jsh: an MLP learns to tell ten kinds of clothing apart, in float32.
// Run it with: ./notebook notebooks-jshell/train-fashion-mnist.jsh
//
// Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 70000 grey images of 28x28 pixels, 60000 to
// train and 10000 to test, in ten classes (T-shirt/top, trouser, pullover, dress, coat, sandal,
// shirt, sneaker, bag, ankle boot). It is 60 times the digits of train-digits.jsh, so this
// notebook trains in float32: half the memory and faster matrix products than float64.

// 0. The data come from Debian's package dataset-fashion-mnist (IDX files under
//    /usr/share/datasets/fashion-mnist, or the folder in the environment variable
//    FASHION_MNIST_DIR); without them the notebook says how to get them and fails.
String given = System.getenv("FASHION_MNIST_DIR");
Path folder = given != null ? Path.of(given) : Datasets.FASHION_MNIST_DIRECTORY;
if (!Datasets.hasFashionMnist(folder)) {
    System.out.println("Fashion-MNIST is not in " + folder + ": " + Datasets.FASHION_MNIST_HOWTO +
            " (for this notebook: set FASHION_MNIST_DIR to that folder)");
    throw new IllegalStateException("Fashion-MNIST is absent from " + folder);
}
long start = System.nanoTime();
TrainTest fashion = Datasets.fashionMnist(folder, DType.FLOAT32);
System.out.printf("read in %.1f s: %s%n", (System.nanoTime() - start) / 1e9, fashion);

// 1. Pixels 0..255 scaled to 0..1 (a fixed scale, so nothing is fitted on the test images).
//    5000 training images, drawn with seed 0, are held out for validation.
Dataset all = fashion.train().withFeatures(fashion.train().features().div(255));
Dataset test = fashion.test().withFeatures(fashion.test().features().div(255));
int[] order = new int[all.size()];
for (int i = 0; i < order.length; i++) {
    order[i] = i;
}
RandomGenerator shuffle = new SplittableRandom(0);
for (int i = order.length - 1; i > 0; i--) {
    int j = shuffle.nextInt(i + 1);
    int swap = order[i];
    order[i] = order[j];
    order[j] = swap;
}
Dataset validation = all.subset(ImmutableIntArray.copyOf(Arrays.copyOfRange(order, 0, 5000)));
Dataset train = all.subset(ImmutableIntArray.copyOf(
        Arrays.copyOfRange(order, 5000, order.length)));
System.out.printf("train %d, validation %d, test %d images; features %s%n",
        train.size(), validation.size(), test.size(), train.features().dtype());

// 2. The model: 784 pixels -> 128 hidden units (ReLU) -> 10 logits, PyTorch's default
//    initialisation from seed 0, cast to float32 (Trainer.fit casts each batch to the
//    parameters' dtype).
Sequential mlp = Sequential.of(Linear.init(new SplittableRandom(0), 784, 128), Activation.RELU,
        Linear.init(new SplittableRandom(1), 128, 10));
Layer model = mlp.withParams(mlp.params().map(t -> t.cast(DType.FLOAT32)));
Summary summary = Summary.of(model, 128, 784);
System.out.println(summary);
if (summary.totalParams() != 784 * 128 + 128 + 128 * 10 + 10) {
    throw new AssertionError("784·128 + 128 + 128·10 + 10 = 101770 parameters expected");
}

// 3. Training: Adam (learning rate 0.001), batches of 128, 5 epochs. Progress: a line every
//    100 batches with the running mean of the epoch's batch losses, then one line per epoch.
Callback progress = new Callback() {
    public Decision afterBatch(BatchEnd end) {
        if (end.batch() % 100 == 0) {
            System.out.printf("  epoch %d, batch %d of %d: running loss %.4f%n",
                    end.epoch(), end.batch(), end.batches(), end.runningLoss());
        }
        return Decision.proceed();
    }
    public Decision afterEpoch(EpochEnd end) {
        System.out.println(end.record());
        return Decision.proceed();
    }
};
long trainingStart = System.nanoTime();
Fit fit = Trainer.fit(model, Losses::softmaxCrossEntropy, Optimizers.adam(0.001), train,
        validation, new TrainingSettings(5, 128, 0), List.of(progress));
System.out.printf("trained in %.1f s%n", (System.nanoTime() - trainingStart) / 1e9);
History history = fit.history();

// 4. The learning curve (training and validation loss per epoch, drawn to a PNG) and the
//    diagnosis. Five epochs is a short run, kept so that the notebook takes under 5 minutes on
//    2 cores: both losses still fall at the end and stay close to each other, which the
//    diagnosis reads as under-fitting (more epochs or a bigger model would still help), not as
//    over-fitting.
System.out.print(history.table());
System.out.println(Plots.learningCurve(history, Plots.figure("train-fashion-mnist.png")));
Diagnosis diagnosis = history.diagnose();
System.out.println("diagnosis: " + diagnosis);
boolean stillFalling = history.validationLosses().get(4) < history.validationLosses().get(3);
boolean close = history.last().validationLoss() - history.last().trainLoss() < 0.05;
if (diagnosis.regime() != FittingRegime.UNDER_FITTING || !stillFalling || !close) {
    throw new AssertionError("expected both losses still falling and close: " + diagnosis);
}

// 5. Save the trained model and load it into a fresh float32 model of the same shape: it must
//    give the same test accuracy.
Path checkpoints = Files.createTempDirectory("fashion-mnist");
Path file = checkpoints.resolve("mlp.safetensors");
Checkpoint.of(fit.model()).save(file);
System.out.printf("saved %s (%d bytes)%n", file.getFileName(), Files.size(file));
Sequential freshMlp = Sequential.of(Linear.init(new SplittableRandom(7), 784, 128),
        Activation.RELU, Linear.init(new SplittableRandom(8), 128, 10));
Layer fresh = freshMlp.withParams(freshMlp.params().map(t -> t.cast(DType.FLOAT32)));
Layer reloaded = Checkpoint.load(file).restore(fresh);
double accuracy = Metrics.accuracy(fit.model().apply(test.features()), test.labels());
double reloadedAccuracy = Metrics.accuracy(reloaded.apply(test.features()), test.labels());
System.out.printf("reloaded from the checkpoint: test accuracy %.4f%n", reloadedAccuracy);
if (reloadedAccuracy != accuracy) {
    throw new AssertionError("the reloaded model should predict as the trained one");
}
Files.delete(file);
Files.delete(checkpoints);
System.out.printf("the whole notebook took %.1f s%n", (System.nanoTime() - start) / 1e9);
if (accuracy < 0.85) {
    throw new AssertionError("the MLP should reach 0.85 on Fashion-MNIST, got " + accuracy);
}
System.out.printf("test accuracy: %.4f%n", accuracy);
