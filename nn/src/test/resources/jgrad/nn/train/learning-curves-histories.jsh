// Writes learning-curves-histories.csv (beside this file): the four runs of
// notebooks-jshell/learning-curves.jsh (same data, split, models, optimisers, settings and seeds),
// one line per run and epoch. DiagnosisTest checks the fitting-regime thresholds on them.
// Run from the repository root: ./notebook nn/src/test/resources/jgrad/nn/train/learning-curves-histories.jsh
Split split = Split.of(Datasets.digits(), new SplittableRandom(0)).standardized();
Dataset train = split.train();
Dataset validation = split.validation();
TrainingSettings settings = new TrainingSettings(200, 64, 0);
Fit narrow = Trainer.fit(Mlp.init(new SplittableRandom(0), Activation.RELU, 64, 2, 10),
        Optimizers.adam(0.01), train, validation, settings, EpochListener.silent());
Fit wide = Trainer.fit(Mlp.init(new SplittableRandom(0), Activation.RELU, 64, 32, 10),
        Optimizers.adam(0.01), train, validation, settings, EpochListener.silent());
SplittableRandom labelNoise = new SplittableRandom(1);
int[] noisyLabels = train.labels().toArray();
for (int i = 0; i < noisyLabels.length; i++) {
    if (labelNoise.nextDouble() < 0.2) {
        noisyLabels[i] = (noisyLabels[i] + 1 + labelNoise.nextInt(9)) % 10;
    }
}
Dataset noisyTrain = new Dataset(train.features(), ImmutableIntArray.copyOf(noisyLabels),
        train.classNames());
TrainingSettings memorising = new TrainingSettings(80, 32, 0);
Fit memoriser = Trainer.fit(Mlp.init(new SplittableRandom(0), Activation.RELU, 64, 128, 10),
        Optimizers.adam(0.002), noisyTrain, validation, memorising, EpochListener.silent());
Fit decayed = Trainer.fit(Mlp.init(new SplittableRandom(0), Activation.RELU, 64, 128, 10),
        Optimizers.chain(Optimizers.addDecayedWeights(0.01), Optimizers.adam(0.002)),
        noisyTrain, validation, memorising, EpochListener.silent());
try (PrintWriter out = new PrintWriter(
        "nn/src/test/resources/jgrad/nn/train/learning-curves-histories.csv")) {
    out.println("run,epoch,train_loss,validation_loss,validation_accuracy");
    Map<String, Fit> runs = new LinkedHashMap<>();
    runs.put("narrow", narrow);
    runs.put("wide", wide);
    runs.put("memoriser", memoriser);
    runs.put("decayed", decayed);
    runs.forEach((name, fit) -> fit.history().epochs().forEach(r -> out.println(name + ","
            + r.epoch() + "," + r.trainLoss() + "," + r.validationLoss() + ","
            + r.validationAccuracy())));
}
System.out.println("wrote learning-curves-histories.csv");
