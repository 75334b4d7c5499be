// learning-curves.jsh: what under-fitting and over-fitting look like in the numbers.
// Run it with: ./notebook notebooks-jshell/learning-curves.jsh
//
// Training loss says how well the model fits the data it learns from; validation loss says how
// well that carries over to images it has never seen. Their two curves tell the three stories.

Split split = Split.of(Datasets.digits(), new SplittableRandom(0)).standardized();
Dataset train = split.train();
Dataset validation = split.validation();

// Prints every `every`-th epoch of a history as a small table.
void curves(String title, History history, int every) {
    System.out.println(title);
    System.out.println("  epoch  train loss  validation loss  validation accuracy");
    for (EpochRecord r : history.epochs()) {
        if (r.epoch() % every == 0 || r.epoch() == 1) {
            System.out.printf("  %5d  %10.4f  %15.4f  %19.4f%n",
                    r.epoch(), r.trainLoss(), r.validationLoss(), r.validationAccuracy());
        }
    }
}

// 1. Under-fitting: a bottleneck of 2 hidden units cannot separate ten digits. Both losses stay
//    high and close together: more epochs do not help, a bigger model would.
Fit small = Trainer.fit(Mlp.init(new SplittableRandom(0), Activation.RELU, 64, 2, 10),
        Optimizers.adam(0.01), train, validation, new TrainingSettings(40, 32, 0),
        EpochListener.silent());
curves("under-fitting: 64-2-10", small.history(), 10);

// 2. Over-fitting: a large model and only 50 training images. Training loss goes to ~0 while the
//    validation loss stays a thousand times higher, bottoms out within the first epochs and then
//    creeps up: the model memorises the 50 images instead of learning digits. Stopping at the
//    best validation epoch (early stopping) or more data would help; more epochs would not.
Dataset few = train.subset(ImmutableIntArray.copyOf(IntStream.range(0, 50).toArray()));
Fit memoriser = Trainer.fit(Mlp.init(new SplittableRandom(0), Activation.RELU, 64, 128, 10),
        Optimizers.adam(0.01), few, validation, new TrainingSettings(150, 10, 0),
        EpochListener.silent());
curves("over-fitting: 64-128-10 on 50 images", memoriser.history(), 25);
EpochRecord best = memoriser.history().bestEpoch();
EpochRecord last = memoriser.history().last();
System.out.printf("best validation loss %.4f at epoch %d; at epoch %d it is %.4f%n",
        best.validationLoss(), best.epoch(), last.epoch(), last.validationLoss());

// 3. A good fit: the 64-32-10 network of train-digits.jsh on all 1258 training images.
Fit good = Trainer.fit(Mlp.init(new SplittableRandom(0), Activation.RELU, 64, 32, 10),
        Optimizers.sgd(0.1), train, validation, new TrainingSettings(30, 32, 0),
        EpochListener.silent());
curves("a good fit: 64-32-10 on 1258 images", good.history(), 10);

// The notebook checks its own story.
if (!(small.history().last().trainLoss() > 0.5)) {
    throw new AssertionError("2 units should under-fit");
}
if (!(last.trainLoss() < 0.01)) {
    throw new AssertionError("the large model should memorise 50 images");
}
if (!(best.epoch() < 25 && last.validationLoss() > 1.03 * best.validationLoss())) {
    throw new AssertionError("validation loss should bottom out early and climb after it");
}
double goodAccuracy = good.history().last().validationAccuracy();
if (!(goodAccuracy > memoriser.history().last().validationAccuracy())) {
    throw new AssertionError("more data should generalise better");
}
System.out.println("under-fitting, over-fitting and a good fit shown");
