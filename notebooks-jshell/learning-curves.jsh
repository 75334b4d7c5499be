// learning-curves.jsh: under-fitting and over-fitting, read from training and validation curves.
// Run it with: ./notebook notebooks-jshell/learning-curves.jsh
//
// Training loss says how well the model fits the images it learns from; validation loss says how
// well that carries over to images it has never seen. Each comparison changes one thing only.
//
// How the two are measured: an epoch's training loss is the mean of its batch losses, each taken
// just before that batch's update, so it averages weights that change during the epoch; the
// validation loss is taken once, after the epoch. So in epoch 1, while a network still learns
// fast, its training loss is well above its validation loss (32 units below: 1.24 against 0.46).

Split split = Split.of(Datasets.digits(), new SplittableRandom(0)).standardized();
Dataset train = split.train();
Dataset validation = split.validation();

// One run's columns at one epoch; * marks the run's lowest validation loss.
String cells(History history, int epoch) {
    EpochRecord r = history.epochs().get(epoch - 1);
    String star = epoch == history.bestEpoch().epoch() ? "*" : " ";
    return String.format("%10.5f  %8.4f%s  %9.4f",
            r.trainLoss(), r.validationLoss(), star, r.validationAccuracy());
}

// Prints two runs side by side at the epochs `shown` accepts and at each run's best epoch.
void compare(String left, History a, String right, History b, IntPredicate shown) {
    System.out.printf("         %-33s  %s%n", left, right);
    String columns = "train loss  val. loss  val. acc.";
    System.out.printf("  epoch  %s   %s%n", columns, columns);
    for (int epoch = 1; epoch <= a.size(); epoch++) {
        if (shown.test(epoch) || epoch == a.bestEpoch().epoch()
                || epoch == b.bestEpoch().epoch()) {
            System.out.printf("  %5d  %s   %s%n", epoch, cells(a, epoch), cells(b, epoch));
        }
    }
}

// The mean of epochs from..to, as one record (smooths the epoch-to-epoch jitter).
EpochRecord mean(History history, int from, int to) {
    List<EpochRecord> window = history.epochs().subList(from - 1, to);
    return new EpochRecord(to,
            window.stream().mapToDouble(EpochRecord::trainLoss).average().orElseThrow(),
            window.stream().mapToDouble(EpochRecord::validationLoss).average().orElseThrow(),
            window.stream().mapToDouble(EpochRecord::validationAccuracy).average().orElseThrow());
}

// 1. Under-fitting. A bottleneck of 2 hidden units cannot separate ten digits, however long it
//    trains. Beside it, the same network with 32 hidden units: same optimiser (Adam 0.01), batch
//    size (64), epochs (200) and seeds, so the width is the only difference.
TrainingSettings settings = new TrainingSettings(200, 64, 0);
Fit narrow = Trainer.fit(Mlp.init(new SplittableRandom(0), Activation.RELU, 64, 2, 10),
        Optimizers.adam(0.01), train, validation, settings, EpochListener.silent());
Fit wide = Trainer.fit(Mlp.init(new SplittableRandom(0), Activation.RELU, 64, 32, 10),
        Optimizers.adam(0.01), train, validation, settings, EpochListener.silent());
System.out.println("under-fitting: 64-2-10 against 64-32-10, Adam 0.01, batches of 64");
compare("2 hidden units", narrow.history(), "32 hidden units", wide.history(),
        epoch -> epoch <= 2 || epoch == 10 || epoch % 20 == 0);

// The 2-unit curves flatten out after about 60 epochs. Over the last 100 epochs (means of 10
// epochs, to average out the jitter) both losses move by about 0.03, accuracy by 0.005.
EpochRecord plateauStart = mean(narrow.history(), 91, 100);
EpochRecord plateauEnd = mean(narrow.history(), 191, 200);
System.out.printf("2 hidden units, mean of epochs 91-100 -> 191-200:%n  train loss %.3f ->"
        + " %.3f, validation loss %.3f -> %.3f, validation accuracy %.3f -> %.3f%n",
        plateauStart.trainLoss(), plateauEnd.trainLoss(), plateauStart.validationLoss(),
        plateauEnd.validationLoss(), plateauStart.validationAccuracy(),
        plateauEnd.validationAccuracy());
// Both losses stay high (train 0.75, validation 0.97, accuracy 0.66) where 32 units reach
// 0.00002, 0.14 and 0.97: more epochs barely help the 2-unit network, more hidden units do.

// The 32-unit network fits well, but its validation loss is lowest early (*) and then creeps up
// while its accuracy still rises: loss and accuracy can disagree. Cross-entropy also scores
// confidence: splitting the validation loss by right and wrong answers shows where it grew.
double[] rightAndWrong(String name, Layer model) {
    Tensor logits = model.apply(validation.features());
    double[] losses = Losses.softmaxCrossEntropy(logits, validation.labels(), Reduction.NONE)
            .toArray();
    double[] predicted = logits.argmax(1).toArray();
    int wrong = 0;
    double wrongLoss = 0;
    double rightLoss = 0;
    for (int i = 0; i < losses.length; i++) {
        if (predicted[i] != validation.labels().get(i)) {
            wrong++;
            wrongLoss += losses[i];
        } else {
            rightLoss += losses[i];
        }
    }
    int right = losses.length - wrong;
    System.out.printf("  %-28s %2d wrong, mean loss %5.2f; %d right, mean loss %.4f%n", name,
            wrong, wrongLoss / wrong, right, rightLoss / right);
    return new double[] {wrong, wrongLoss / wrong, rightLoss / right};
}
EpochRecord wideBest = wide.history().bestEpoch();
EpochRecord wideLast = wide.history().last();
System.out.println("32 hidden units, validation images:");
double[] atBest = rightAndWrong("epoch " + wideBest.epoch() + " (lowest val. loss)",
        wide.bestModel());
double[] atEnd = rightAndWrong("epoch " + wideLast.epoch(), wide.model());
// Fewer images are wrong at the end, but each wrong one costs more: the model is surer of its
// mistakes. That is mild over-fitting, seen in the loss only; section 2 shows the strong kind.

// 2. Over-fitting, the strong kind: a network large enough learns even wrong labels by heart,
//    and real data sets have some. To see it, 20 % of the training labels are replaced by a
//    wrong class (seeded); the validation labels stay right.
SplittableRandom labelNoise = new SplittableRandom(1);
int[] noisyLabels = train.labels().toArray();
List<Integer> flipped = new ArrayList<>();
for (int i = 0; i < noisyLabels.length; i++) {
    if (labelNoise.nextDouble() < 0.2) {
        noisyLabels[i] = (noisyLabels[i] + 1 + labelNoise.nextInt(9)) % 10;  // any other class
        flipped.add(i);
    }
}
Dataset noisyTrain = new Dataset(train.features(), ImmutableIntArray.copyOf(noisyLabels),
        train.classNames());
Dataset wronglyLabelled = noisyTrain.subset(ImmutableIntArray.copyOf(flipped));
System.out.printf("%n%d of %d training labels replaced by a wrong class%n",
        wronglyLabelled.size(), noisyTrain.size());

// 128 hidden units, Adam 0.002, batches of 32, 80 epochs; beside it the same run with weight
// decay (L2) as the only change: each step adds 0.01 * w to the gradient of every weight w,
// pulling the weights towards 0 (PyTorch: Adam(params, lr=0.002, weight_decay=0.01)).
TrainingSettings memorising = new TrainingSettings(80, 32, 0);
Fit memoriser = Trainer.fit(Mlp.init(new SplittableRandom(0), Activation.RELU, 64, 128, 10),
        Optimizers.adam(0.002), noisyTrain, validation, memorising, EpochListener.silent());
Fit decayed = Trainer.fit(Mlp.init(new SplittableRandom(0), Activation.RELU, 64, 128, 10),
        Optimizers.chain(Optimizers.addDecayedWeights(0.01), Optimizers.adam(0.002)),
        noisyTrain, validation, memorising, EpochListener.silent());
System.out.println("over-fitting: 64-128-10 on the noisy labels, Adam 0.002, batches of 32");
compare("no weight decay", memoriser.history(), "weight decay 0.01", decayed.history(),
        epoch -> epoch <= 12 || epoch == 15 || epoch % 10 == 0);
// Without weight decay, validation loss falls for about 10 epochs while the network learns what
// the correct labels share; then it learns the wrong ones by heart: training loss heads for 0
// (0.035 at epoch 80) while validation loss climbs back above where it started (a U-shaped
// curve) and validation accuracy drops from 0.91 to 0.77.
// With weight decay, training loss stays above 0.6 (fitting a wrong label takes memorising it)
// and validation loss stays near its lowest, with accuracy around 0.93.

// Early stopping keeps the model of the epoch with the lowest validation loss: Trainer.fit
// returns it as fit.bestModel() (Keras: EarlyStopping(restore_best_weights=True)). The epoch is
// chosen on the validation images, so report a final figure on the test split instead.
// The last column counts the wrongly labelled training images whose wrong label the model
// predicts: how much of the noise it has memorised.
double[] score(Layer model) {
    Tensor logits = model.apply(validation.features());
    Tensor wrongLogits = model.apply(wronglyLabelled.features());
    return new double[] {
        Losses.softmaxCrossEntropy(logits, validation.labels()).item(),
        Metrics.accuracy(logits, validation.labels()),
        Metrics.accuracy(wrongLogits, wronglyLabelled.labels())};
}
void row(String name, double[] s) {
    System.out.printf("  %-30s %9.4f  %9.4f  %15.0f of %d%n",
            name, s[0], s[1], s[2] * wronglyLabelled.size(), wronglyLabelled.size());
}
EpochRecord best = memoriser.history().bestEpoch();
double[] finalScore = score(memoriser.model());
double[] bestScore = score(memoriser.bestModel());
double[] decayedScore = score(decayed.model());
System.out.printf("  %-30s %9s  %9s  %s%n", "model", "val. loss", "val. acc.",
        "wrong labels reproduced");
row("final (epoch " + memoriser.history().last().epoch() + ")", finalScore);
row("fit.bestModel() (epoch " + best.epoch() + ")", bestScore);
row("weight decay, final", decayedScore);
// The final model reproduces the wrong labels it was shown (all 261): it has memorised them. The
// early-stopped and the weight-decayed models reproduce few, and score far better on validation.

// History.diagnose() reads the same regimes from the curves alone (nn's Diagnosis: over-fitting
// when the validation loss climbs clearly after its minimum while the training loss keeps
// falling, under-fitting when even the best validation loss stays high, else a good fit).
Diagnosis narrowDiagnosis = narrow.history().diagnose();
Diagnosis wideDiagnosis = wide.history().diagnose();
Diagnosis memoriserDiagnosis = memoriser.history().diagnose();
System.out.println("\n2 hidden units: " + narrowDiagnosis);
System.out.println("32 hidden units: " + wideDiagnosis);
System.out.println("wrong labels, no weight decay: " + memoriserDiagnosis);
if (!(narrowDiagnosis.regime() == FittingRegime.UNDER_FITTING
        && wideDiagnosis.regime() == FittingRegime.GOOD_FIT
        && memoriserDiagnosis.regime() == FittingRegime.OVER_FITTING)) {
    throw new AssertionError("the diagnoses should be under-fitting, a good fit, over-fitting");
}

// The three regimes drawn together: loss on a logarithmic axis (training solid, validation
// dashed) and validation accuracy. Under-fitting: both losses flat and high. A good fit: both
// fall, validation flattening far above training. Over-fitting: training loss falls towards 0
// while validation loss turns back up. Then the over-fitting run beside its weight-decay twin.
System.out.println(Plots.learningCurves(ImmutableMap.of(
        "2 hidden units (under-fitting)", narrow.history(),
        "32 hidden units (good fit)", wide.history(),
        "wrong labels (over-fitting)", memoriser.history()),
        Plots.figure("learning-curves.png")));
System.out.println(Plots.learningCurves(ImmutableMap.of(
        "no weight decay", memoriser.history(), "weight decay 0.01", decayed.history()),
        Plots.figure("learning-curves-weight-decay.png")));

// The notebook checks its own story.
if (!(Math.abs(plateauEnd.trainLoss() - plateauStart.trainLoss()) < 0.05
        && Math.abs(plateauEnd.validationLoss() - plateauStart.validationLoss()) < 0.05
        && Math.abs(plateauEnd.validationAccuracy() - plateauStart.validationAccuracy()) < 0.03)) {
    throw new AssertionError("the 2-unit curves should be flat over the last 100 epochs");
}
if (!(plateauEnd.trainLoss() > 0.5 && plateauEnd.validationLoss() > 5 * wideLast.validationLoss()
        && plateauEnd.validationAccuracy() < wideLast.validationAccuracy() - 0.2)) {
    throw new AssertionError("2 units should stay far above 32 units");
}
EpochRecord wideFirst = wide.history().epochs().get(0);
if (!(wideFirst.trainLoss() > 2 * wideFirst.validationLoss())) {
    throw new AssertionError("epoch 1's training loss should be well above its validation loss");
}
if (!(wideLast.trainLoss() < 1e-3 && wideLast.validationAccuracy() > 0.95
        && wideBest.epoch() < 50 && wideLast.validationLoss() > wideBest.validationLoss()
        && wideLast.validationAccuracy() > wideBest.validationAccuracy())) {
    throw new AssertionError("32 units: validation loss should creep up while accuracy rises");
}
if (!(atEnd[0] < atBest[0] && atEnd[1] > atBest[1])) {
    throw new AssertionError("32 units: fewer mistakes at the end, each costing more");
}
EpochRecord last = memoriser.history().last();
if (!(last.trainLoss() < 0.05 && best.epoch() <= 20
        && last.validationLoss() > 1.5 * best.validationLoss()
        && last.validationAccuracy() < best.validationAccuracy() - 0.08)) {
    throw new AssertionError("validation loss should bottom out early and climb after it");
}
if (!(Math.abs(bestScore[0] - best.validationLoss()) < 1e-9 && finalScore[2] > 0.95
        && bestScore[2] < 0.3 && bestScore[1] > finalScore[1] + 0.08)) {
    throw new AssertionError("bestModel() should be the early-stopped model, memorising less");
}
if (!(last.validationLoss() > memoriser.history().epochs().get(0).validationLoss())) {
    throw new AssertionError("validation loss should end above where it started");
}
History decayedHistory = decayed.history();
if (!(decayedHistory.trainLosses().stream().min().orElseThrow() > 0.6
        && decayedHistory.last().validationLoss() < 1.15 * decayedHistory.bestEpoch()
                .validationLoss()
        && decayedHistory.last().validationAccuracy() > 0.9)) {
    throw new AssertionError("weight decay: training loss should stay high, validation low");
}
if (!(decayedScore[2] < 0.3 && decayedScore[0] < 0.7 * finalScore[0]
        && decayedScore[1] > finalScore[1] + 0.1)) {
    throw new AssertionError("weight decay should stop the memorising");
}
System.out.println("under-fitting, a good fit and over-fitting shown");
