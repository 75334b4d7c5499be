// preprocessing.jsh: turning raw data into what a network learns from: one-hot targets, min-max
// and z-score scaling, a 70/20/10 split, and how epochs, batches and iterations are counted.
// Run it with: ./notebook notebooks-jshell/preprocessing.jsh

// Compares two arrays element by element; the notebook's claims go through it.
void check(String what, double[] actual, double[] expected, double tolerance) {
    if (actual.length != expected.length) {
        throw new AssertionError(what + ": " + actual.length + " values, expected "
                + expected.length);
    }
    for (int i = 0; i < expected.length; i++) {
        if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
            throw new AssertionError(what + "[" + i + "] = " + actual[i] + ", expected "
                    + expected[i] + ": " + Arrays.toString(actual));
        }
    }
}

// 1. One-hot: class k of 10 becomes a row of ten numbers, 1 at index k and 0 elsewhere, so that
//    a network's 10 outputs can be compared with it (and no class is "bigger" than another).
Tensor oneHot = OneHot.encode(ImmutableIntArray.of(5, 3, 7, 4), 10);
System.out.println("one-hot of [5, 3, 7, 4], 10 classes:\n" + oneHot);
check("one-hot", oneHot.toArray(), new double[] {
    0, 0, 0, 0, 0, 1, 0, 0, 0, 0,
    0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
    0, 0, 0, 0, 1, 0, 0, 0, 0, 0}, 0);

// 2. Min-max scaling: (x - min) / (max - min) maps the smallest value to 0 and the largest to 1.
//    A column of 4 samples of one feature (a pixel's grey level, 0..255).
Tensor grey = Tensor.of(new double[] {255, 128, 45, 0}, 4, 1);
Tensor minMax = MinMax.fit(grey).apply(grey);
System.out.println("min-max of [255, 128, 45, 0]: " + Arrays.toString(minMax.toArray()));
check("min-max", minMax.toArray(),
        new double[] {1.0, 0.5019607843137255, 0.17647058823529413, 0.0}, 1e-15);

// 3. Z-score (standardisation): (x - mean) / std gives mean 0 and standard deviation 1.
//    Mean 107, std 97.0026 (the population std, ddof 0, as NumPy's default).
ZScore zScore = ZScore.fit(grey);
Tensor standardized = zScore.apply(grey);
System.out.println(zScore);
System.out.println("z-score of [255, 128, 45, 0]: " + Arrays.toString(standardized.toArray()));
check("z-score", standardized.toArray(),
        new double[] {1.52573266, 0.21648909, -0.63915828, -1.10306348}, 5e-9);

// ZScore.fit standardises each column (feature) over the samples, axis 0. Along axis 1, each
// row is standardised on its own: [[1, 2, 3], [6, 7, 8]] becomes two rows of
// [-1.22474487, 0, 1.22474487], because both rows are evenly spaced with the same spread.
// (ZScore fits columns only, so this is written with Tensor operations: the mean over axis 1
// with keepDims is [2, 1] and broadcasts along each row.)
Tensor rows = Tensor.of(new double[][] {{1, 2, 3}, {6, 7, 8}});
Tensor centred = rows.sub(rows.mean(1, true));
Tensor alongAxis1 = centred.div(centred.square().mean(1, true).sqrt());
System.out.println("z-score of [[1, 2, 3], [6, 7, 8]] along axis 1:\n" + alongAxis1);
check("z-score along axis 1", alongAxis1.toArray(), new double[] {
    -1.22474487, 0, 1.22474487, -1.22474487, 0, 1.22474487}, 5e-9);
// Along axis 0 (ZScore's columns) the same matrix gives [[-1, -1, -1], [1, 1, 1]]: each column
// holds two values, one below and one above its mean.
Tensor alongAxis0 = ZScore.fit(rows).apply(rows);
System.out.println("z-score of the same along axis 0 (ZScore.fit):\n" + alongAxis0);
check("z-score along axis 0", alongAxis0.toArray(), new double[] {-1, -1, -1, 1, 1, 1}, 1e-12);

// 4. Scaling matters when features have different units. Wine: proline (column 12) runs
//    from 278 to 1680, hue (column 10) from 0.48 to 1.71. Unscaled, a distance between two
//    wines is almost only their proline difference; standardised, both count. Both panels use
//    the same scale on both axes, as a distance sees them: unscaled, hue is a flat line.
Dataset wine = Datasets.wine();
Dataset wineStandardized = wine.standardized();
double[] proline = wine.features().slice(1, 12, 13, 1).toArray();
double[] hue = wine.features().slice(1, 10, 11, 1).toArray();
System.out.printf("proline %.0f..%.0f, hue %.2f..%.2f%n",
        Arrays.stream(proline).min().orElseThrow(), Arrays.stream(proline).max().orElseThrow(),
        Arrays.stream(hue).min().orElseThrow(), Arrays.stream(hue).max().orElseThrow());
var raw = Plots.scatter("wine, raw", wine, 12, 10);
raw.setXAxisTitle("proline");
raw.setYAxisTitle("hue");
raw.getStyler().setXAxisMin(0.0).setXAxisMax(1800.0).setYAxisMin(-600.0).setYAxisMax(600.0);
var scaled = Plots.scatter("wine, z-score", wineStandardized, 12, 10);
scaled.setXAxisTitle("proline (standardised)");
scaled.setYAxisTitle("hue (standardised)");
scaled.getStyler().setXAxisMin(-4.0).setXAxisMax(4.0).setYAxisMin(-4.0).setYAxisMax(4.0);
System.out.println(Plots.save(Plots.figure("preprocessing.png"), raw, scaled));
double[] scaledProline = wineStandardized.features().slice(1, 12, 13, 1).toArray();
check("standardised proline mean", new double[] {Arrays.stream(scaledProline).average()
        .orElseThrow()}, new double[] {0}, 1e-12);

// 5. A 70/20/10 split of the 1797 digits: training, validation (to choose settings) and test
//    (reported once, at the end). Sizes floor(1797 * f) = 1257, 359, 179 leave 2 samples over,
//    which go to the first splits: 1258, 360, 179.
Dataset digits = Datasets.digits();
Split split = Split.of(digits, new SplittableRandom(0));
System.out.println(split);
if (!(split.train().size() == 1258 && split.validation().size() == 360
        && split.test().size() == 179)) {
    throw new AssertionError("a 70/20/10 split of 1797 should be 1258/360/179: " + split);
}

// 6. Epochs, batches and iterations. One epoch shows the network every training sample once;
//    it is cut into mini-batches, and each batch is one iteration (one gradient step). With a
//    batch size of 32, 1258 samples make 39 full batches and a last one of 10: 40 iterations
//    per epoch, so 30 epochs are 1200 iterations.
int batchSize = 32;
int epochs = 30;
List<Dataset> batches = Batches.shuffled(split.train(), batchSize, new SplittableRandom(1));
int iterationsPerEpoch = batches.size();
System.out.printf("%d training samples, batch size %d: %d batches per epoch (the last of %d),"
        + " %d epochs = %d iterations%n", split.train().size(), batchSize, iterationsPerEpoch,
        batches.get(batches.size() - 1).size(), epochs, epochs * iterationsPerEpoch);
int seen = batches.stream().mapToInt(Dataset::size).sum();
if (!(iterationsPerEpoch == 40 && batches.get(39).size() == 10 && seen == 1258
        && epochs * iterationsPerEpoch == 1200)) {
    throw new AssertionError("1258 samples in batches of 32 should be 40 iterations per epoch");
}
