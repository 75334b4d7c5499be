// crumpled-papers.jsh: the tutorial's opening picture. Take two sheets of paper, one red and one
// blue, lay one on the other and crumple them together into a ball. No plane cuts the ball so
// that all red is on one side and all blue on the other; yet the sheets never touch. A network
// separates them by uncrumpling: each layer moves the points to new coordinates (a linear map,
// then a squashing nonlinearity), until in the last hidden layer's coordinates one plane does
// separate them, and that plane is the output layer.
// Run it with: ./notebook notebooks-jshell/crumpled-papers.jsh

import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

// 1. The data: 2000 points in 3-D, 1000 on each sheet, with noise of standard deviation 0.03
//    (Synthetic.crumpledPapers: two parallel squares 0.3 apart, folded, twisted and bent).
//    Split 70/20/10 and standardised on the training split, as in train-digits.jsh.
Dataset papers = Synthetic.crumpledPapers(2000, 0.03, new SplittableRandom(0));
Split split = Split.of(papers, new SplittableRandom(0)).standardized();
System.out.println(papers);
System.out.println(split);
Dataset train = split.train();
Dataset validation = split.validation();
Dataset test = split.test();

// A scatter plot of 2-D points (one row per sample) in the colours the sheets are named after.
XYChart sheets(String title, String xTitle, String yTitle, Tensor points, Dataset data) {
    XYChart chart = Plots.scatter(title, data.withFeatures(points), 0, 1);
    chart.setXAxisTitle(xTitle);
    chart.setYAxisTitle(yTitle);
    chart.getStyler().setMarkerSize(4);
    chart.getSeriesMap().get("red").setMarkerColor(new Color(214, 39, 40, 150));
    chart.getSeriesMap().get("blue").setMarkerColor(new Color(31, 119, 180, 150));
    return chart;
}

// The opening picture. A scatter plot of 3-D points shows them from one side: here the 2000
// samples turned by 60 degrees about the first axis, the depth dropped (a rotation, then an
// orthographic projection: a matmul with a 3x3 rotation matrix, keeping two columns). A fold is
// visible, but the sheets hide each other. A thin slice through the ball shows them as lines:
// the points within 0.03 of a plane (of 20000 drawn the same way), each sheet a curve, folded
// together with the other and never touching it, and no straight line between the colours.
Tensor tilted(Tensor points, double degrees) {
    double e = Math.toRadians(degrees);
    Tensor rotation = Tensor.of(new double[][] {
        {1, 0, 0}, {0, Math.cos(e), -Math.sin(e)}, {0, Math.sin(e), Math.cos(e)}});
    return points.matmul(rotation).indexSelect(1, Tensor.ofInts(0, 2));
}
// The points of `data` whose coordinate `axis` is within `halfWidth` of `at`.
Dataset slab(Dataset data, int axis, double at, double halfWidth) {
    double[] inSlab = data.features().slice(1, axis, axis + 1, 1).sub(at).abs()
            .less(halfWidth).toArray();
    return data.subset(ImmutableIntArray.copyOf(IntStream.range(0, data.size())
            .filter(i -> inSlab[i] > 0).toArray()));
}
Dataset dense = Synthetic.crumpledPapers(20_000, 0.03, new SplittableRandom(1));
Dataset across = slab(dense, 2, 0.0, 0.03);
Dataset along = slab(dense, 1, -0.3, 0.03);
System.out.printf("slices: %d points within 0.03 of z = 0, %d within 0.03 of y = -0.3%n",
        across.size(), along.size());
System.out.println(Plots.save(Plots.figure("crumpled-papers-3d.png"),
        sheets("the samples in 3-D, tilted by 60 degrees", "x", "-0.87 y + 0.5 z",
                tilted(papers.features(), 60), papers),
        sheets("a slice through the ball: z = 0", "x", "y",
                across.features().indexSelect(1, Tensor.ofInts(0, 1)), across),
        sheets("another slice: y = -0.3", "x", "z",
                along.features().indexSelect(1, Tensor.ofInts(0, 2)), along)));

// 2. A linear model cannot separate them: logits = W x + b, one plane. Trained with Adam for 60
//    epochs it stays near chance (50 %): every plane through the ball cuts both sheets.
TrainingSettings settings = new TrainingSettings(60, 50, 0);
Fit linear = Trainer.fit(Mlp.init(new SplittableRandom(0), 3, 2), Optimizers.adam(0.05),
        train, validation, settings, EpochListener.silent());
double linearValidation = linear.history().last().validationAccuracy();
double linearTest = Metrics.accuracy(linear.model().apply(test.features()), test.labels());
System.out.printf("linear model 3-2:       validation accuracy %.4f, test accuracy %.4f%n",
        linearValidation, linearTest);
if (!(linearValidation < 0.65 && linearTest < 0.65)) {
    throw new AssertionError("no plane should separate the crumpled sheets: " + linearValidation
            + ", " + linearTest);
}

// 3. A small network can: three hidden layers of 8 tanh units, 3-8-8-8-2, the same optimiser,
//    epochs and batches. On held-out points (validation and test) it is right over 95 % of the
//    time.
Fit mlp = Trainer.fit(Mlp.init(new SplittableRandom(0), Activation.TANH, 3, 8, 8, 8, 2),
        Optimizers.adam(0.01), train, validation, settings, EpochListener.silent());
Sequential network = (Sequential) mlp.model();
double mlpValidation = mlp.history().last().validationAccuracy();
double mlpTest = Metrics.accuracy(network.apply(test.features()), test.labels());
System.out.printf("MLP 3-8-8-8-2 (tanh):   validation accuracy %.4f, test accuracy %.4f%n",
        mlpValidation, mlpTest);
if (!(mlpValidation > 0.95 && mlpTest > 0.95)) {
    throw new AssertionError("the MLP should separate the sheets: " + mlpValidation + ", "
            + mlpTest);
}

// 4. What each layer does to the points. The network is Linear, Tanh, Linear, Tanh, Linear,
//    Tanh, Linear; its hidden layers give each point new coordinates, 8 numbers each. Two
//    questions per layer:
//    - Is the picture separable by a plane yet? A "linear probe" answers it: a linear model
//      (logistic regression, as in section 2) trained on that layer's coordinates of the
//      training points, scored on the validation points. On the inputs it is section 2's model.
//    - What does it look like? 8 coordinates do not fit on paper, so each panel shows the two
//      directions along which the points vary most: principal component analysis (PCA),
//      computed here with jgrad's tensor operations: the covariance matrix C = Xc^T Xc / n of
//      the centred coordinates, and its two leading eigenvectors by power iteration (v <- C v /
//      |C v| until C v = lambda v, then the same on C - lambda v v^T for the second). The
//      inputs, 3-D, are projected the same way; the output layer's 2 logits need no projection.

// The two leading eigenvectors of the covariance of the rows of x, [d, 2], and the share of
// the variance along each.
record Pca(Tensor axes, double[] shares) {}
Pca pca(Tensor x) {
    Tensor centred = x.sub(x.mean(0, true));
    Tensor covariance = centred.transpose().matmul(centred).div(x.shape().dim(0));
    double total = 0;
    for (int i = 0; i < covariance.shape().dim(0); i++) {
        total += covariance.get(i, i);
    }
    List<Tensor> axes = new ArrayList<>();
    double[] shares = new double[2];
    Tensor rest = covariance;
    for (int k = 0; k < 2; k++) {
        Tensor v = Tensor.randn(Shape.of(x.shape().dim(1), 1), new SplittableRandom(k));
        double lambda = 0;
        double residual = Double.POSITIVE_INFINITY;
        for (int step = 0; step < 10_000 && residual > 1e-10; step++) {
            Tensor next = rest.matmul(v);
            lambda = v.transpose().matmul(next).item();
            residual = next.sub(v.mul(lambda)).norm().item() / Math.abs(lambda);
            v = next.div(next.norm());
        }
        if (!(residual <= 1e-10)) {
            throw new AssertionError("power iteration did not converge: residual " + residual);
        }
        // An eigenvector's sign is arbitrary: make its largest entry positive.
        int largest = v.abs().reshape(-1).argmax(0).toIntArray()[0];
        v = v.get(largest, 0) < 0 ? v.neg() : v;
        axes.add(v);
        shares[k] = lambda / total;
        rest = rest.sub(v.matmul(v.transpose()).mul(lambda));
    }
    return new Pca(Tensor.concat(axes, 1), shares);
}

// A linear probe's validation accuracy on one layer's coordinates.
double probe(Tensor trainCoordinates, Tensor validationCoordinates) {
    Fit fit = Trainer.fit(Mlp.init(new SplittableRandom(0), trainCoordinates.shape().dim(1), 2),
            Optimizers.adam(0.05), train.withFeatures(trainCoordinates),
            validation.withFeatures(validationCoordinates), settings, EpochListener.silent());
    return fit.history().last().validationAccuracy();
}

// The inputs, then each hidden layer's activations (after its tanh), for the training and the
// validation points; the panels show the training points.
List<String> names = new ArrayList<>(List.of("inputs"));
List<Tensor> trainLayers = new ArrayList<>(List.of(train.features()));
List<Tensor> validationLayers = new ArrayList<>(List.of(validation.features()));
for (int i = 0; i + 2 < network.layers().size(); i += 2) {
    Layer linearMap = network.layers().get(i);
    Layer squash = network.layers().get(i + 1);
    trainLayers.add(squash.apply(linearMap.apply(trainLayers.get(trainLayers.size() - 1))));
    validationLayers.add(squash.apply(linearMap.apply(
            validationLayers.get(validationLayers.size() - 1))));
    names.add("hidden layer " + (i / 2 + 1));
}
double[] probes = new double[names.size()];
List<XYChart> panels = new ArrayList<>();
System.out.println("coordinates          variance along PC 1 + PC 2   linear probe (validation)");
for (int k = 0; k < names.size(); k++) {
    Tensor coordinates = trainLayers.get(k);
    probes[k] = k == 0 ? linearValidation : probe(coordinates, validationLayers.get(k));
    Pca components = pca(coordinates);
    int width = coordinates.shape().dim(1);
    panels.add(sheets(String.format("%s (%d-D), linear probe %.3f", names.get(k), width,
                    probes[k]),
            String.format("PC 1 (%.0f %% of the variance)", 100 * components.shares()[0]),
            String.format("PC 2 (%.0f %%)", 100 * components.shares()[1]),
            coordinates.sub(coordinates.mean(0, true)).matmul(components.axes()), train));
    System.out.printf("%-16s %d-D  %5.1f %% + %4.1f %%              %.4f%n", names.get(k), width,
            100 * components.shares()[0], 100 * components.shares()[1], probes[k]);
}
// The output layer: the two logits themselves, no projection. The network says "blue" above
// the diagonal logit(blue) = logit(red): a plane in the last hidden layer's coordinates.
Tensor logits = network.apply(train.features());
XYChart output = sheets(String.format("output logits (2-D), network %.3f", mlpValidation),
        "logit(red)", "logit(blue)", logits, train);
Interval range = Interval.around(logits.toArray(), 0.05);
output.getStyler().setXAxisMin(range.low()).setXAxisMax(range.high()).
        setYAxisMin(range.low()).setYAxisMax(range.high());
var border = output.addSeries("logit(red) = logit(blue)",
        new double[] {range.low(), range.high()}, new double[] {range.low(), range.high()});
border.setMarker(SeriesMarkers.NONE);
border.setLineColor(Color.BLACK);
panels.add(output);
// A last panel sums up the probes: how well a plane separates the points, layer by layer.
XYChart rising = Plots.lines("separable by a plane? layer by layer",
        Tensor.arange(probes.length), ImmutableMap.of("linear probe", Tensor.of(probes)));
rising.getSeriesMap().get("linear probe").setMarker(SeriesMarkers.CIRCLE);
// Ticks one layer apart, named after the layers. (Labels must differ from each other: XChart
// 3.8.8 loops forever on equal ones, its issue 799.)
rising.getStyler().setXAxisTickMarkSpacingHint(140).setXAxisMin(-0.25).
        setXAxisMax(names.size() - 0.75);
rising.setCustomXAxisTickLabelsFormatter(x -> x == Math.rint(x) && x >= 0 && x < names.size()
        ? names.get((int) Math.rint(x)).replace(" layer", "") : String.valueOf(x));
rising.setXAxisTitle("coordinates");
rising.setYAxisTitle("validation accuracy of a linear model");
rising.getStyler().setYAxisMin(0.5).setYAxisMax(1.0).setLegendVisible(false);
panels.add(rising);
System.out.println(Plots.save(Plots.figure("crumpled-papers.png"), 3, panels));

// The claims: the inputs are not separable by a plane (near chance), each hidden layer makes
// them more so, and the last hidden layer's coordinates are (over 95 %).
if (!(probes[0] < 0.65 && probes[probes.length - 1] > 0.95)) {
    throw new AssertionError("probes should rise from chance to over 0.95: "
            + Arrays.toString(probes));
}
for (int k = 1; k < probes.length; k++) {
    if (!(probes[k] > probes[k - 1])) {
        throw new AssertionError(names.get(k) + " should be more separable by a plane than "
                + names.get(k - 1) + ": " + Arrays.toString(probes));
    }
}
