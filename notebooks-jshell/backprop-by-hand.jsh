// backprop-by-hand.jsh: backpropagation through a network of two layers, one chain-rule step at
// a time, each printed beside the same number from jgrad.
// Run it with: ./notebook notebooks-jshell/backprop-by-hand.jsh
//
// The network: 2 inputs -> 2 hidden units -> 2 outputs, sigmoid after each layer, half squared
// error. (The weights are those of a well-known worked example, so the numbers can be compared
// with it: total error 0.298371109.)
//   z1 = W1 x + b1,  h = s(z1),  z2 = W2 h + b2,  y = s(z2),  E = 1/2 sum (y - t)^2

Tensor x = Tensor.of(0.05, 0.10);
Tensor t = Tensor.of(0.01, 0.99);
Params params = Params.copyOf(ImmutableMap.of(
        "W1", Tensor.of(new double[][] {{0.15, 0.20}, {0.25, 0.30}}),
        "b1", Tensor.of(0.35, 0.35),
        "W2", Tensor.of(new double[][] {{0.40, 0.45}, {0.50, 0.55}}),
        "b2", Tensor.of(0.60, 0.60)));

// The forward pass as jgrad sees it; a matrix times a vector is a matmul with a column.
Tensor layer(Tensor weight, Tensor bias, Tensor input) {
    return weight.matmul(input.reshape(2, 1)).reshape(2).add(bias);
}
Function<Tensor, Tensor> error = y -> y.sub(t).square().sum().mul(0.5);
Tensor forward(Params p) {
    Tensor h = layer(p.get("W1"), p.get("b1"), x).sigmoid();
    return error.apply(layer(p.get("W2"), p.get("b2"), h).sigmoid());
}

// Nine decimals: the two agree to about 1e-16, so both lines print the same digits.
String format(double[] values) {
    return Arrays.stream(values).mapToObj(v -> String.format("%.9f", v))
            .collect(Collectors.joining(", ", "[", "]"));
}
// Prints a step: its name, the value by hand, jgrad's value, and fails when they differ.
void step(String name, double[] byHand, Tensor byJgrad) {
    System.out.printf("  %s%n      by hand  %s%n      jgrad    %s%n", name, format(byHand),
            format(byJgrad.toArray()));
    if (!byJgrad.allClose(Tensor.of(byHand, byJgrad.shape(), DType.FLOAT64), 1e-12, 1e-15)) {
        throw new AssertionError(name + ": by hand " + Arrays.toString(byHand) + ", jgrad "
                + byJgrad);
    }
}
double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
}

// 1. Forward, by hand: plain arithmetic on doubles.
double[][] w1 = {{0.15, 0.20}, {0.25, 0.30}};
double[][] w2 = {{0.40, 0.45}, {0.50, 0.55}};
double[] xs = {0.05, 0.10};
double[] ts = {0.01, 0.99};
double[] z1 = new double[2];
double[] h = new double[2];
double[] z2 = new double[2];
double[] y = new double[2];
for (int i = 0; i < 2; i++) {
    z1[i] = w1[i][0] * xs[0] + w1[i][1] * xs[1] + 0.35;
    h[i] = sigmoid(z1[i]);
}
for (int i = 0; i < 2; i++) {
    z2[i] = w2[i][0] * h[0] + w2[i][1] * h[1] + 0.60;
    y[i] = sigmoid(z2[i]);
}
double e = 0.5 * ((y[0] - ts[0]) * (y[0] - ts[0]) + (y[1] - ts[1]) * (y[1] - ts[1]));

// The same values from jgrad's tensors.
Tensor z1Tensor = layer(params.get("W1"), params.get("b1"), x);
Tensor hTensor = z1Tensor.sigmoid();
Tensor z2Tensor = layer(params.get("W2"), params.get("b2"), hTensor);
Tensor yTensor = z2Tensor.sigmoid();
System.out.println("forward pass");
step("z1 = W1 x + b1", z1, z1Tensor);
step("h = s(z1)", h, hTensor);
step("z2 = W2 h + b2", z2, z2Tensor);
step("y = s(z2)", y, yTensor);
step("E = 1/2 sum (y - t)^2", new double[] {e}, forward(params).reshape(1));
if (Math.abs(e - 0.298371109) > 1e-9) {
    throw new AssertionError("the worked example's total error is 0.298371109, got " + e);
}

// 2. Backward, by hand: the chain rule from E back to each weight. Every quantity's jgrad
//    column is the gradient of E with respect to that quantity, asked for directly: E as a
//    function of y, of z2, of h, of z1, and finally of the parameters.
double[] dEdy = new double[2];
double[] delta2 = new double[2];
for (int i = 0; i < 2; i++) {
    dEdy[i] = y[i] - ts[i];                         // dE/dy = y - t
    delta2[i] = dEdy[i] * y[i] * (1 - y[i]);        // dE/dz2 = dE/dy * s'(z2), s' = y (1 - y)
}
double[] dEdW2 = new double[4];
for (int i = 0; i < 2; i++) {
    for (int j = 0; j < 2; j++) {
        dEdW2[2 * i + j] = delta2[i] * h[j];        // dE/dW2[i][j] = dE/dz2[i] * h[j]
    }
}
double[] dEdh = new double[2];
for (int j = 0; j < 2; j++) {
    dEdh[j] = delta2[0] * w2[0][j] + delta2[1] * w2[1][j];   // dE/dh = W2^T dE/dz2
}
double[] delta1 = new double[2];
for (int j = 0; j < 2; j++) {
    delta1[j] = dEdh[j] * h[j] * (1 - h[j]);        // dE/dz1 = dE/dh * s'(z1)
}
double[] dEdW1 = new double[4];
for (int i = 0; i < 2; i++) {
    for (int j = 0; j < 2; j++) {
        dEdW1[2 * i + j] = delta1[i] * xs[j];       // dE/dW1[i][j] = dE/dz1[i] * x[j]
    }
}

Tensor z2Of(Tensor hidden) {
    return layer(params.get("W2"), params.get("b2"), hidden);
}
Params grads = Autodiff.grad(p -> forward(p), params);
System.out.println("backward pass (the chain rule, from the error back to the weights)");
step("dE/dy = y - t", dEdy, Autodiff.grad(error, yTensor));
step("dE/dz2 = dE/dy * y (1 - y)", delta2,
        Autodiff.grad(z -> error.apply(z.sigmoid()), z2Tensor));
step("dE/dW2 = dE/dz2 h^T", dEdW2, grads.get("W2"));
step("dE/db2 = dE/dz2", delta2, grads.get("b2"));
step("dE/dh = W2^T dE/dz2", dEdh,
        Autodiff.grad(hidden -> error.apply(z2Of(hidden).sigmoid()), hTensor));
step("dE/dz1 = dE/dh * h (1 - h)", delta1,
        Autodiff.grad(z -> error.apply(z2Of(z.sigmoid()).sigmoid()), z1Tensor));
step("dE/dW1 = dE/dz1 x^T", dEdW1, grads.get("W1"));
step("dE/db1 = dE/dz1", delta1, grads.get("b1"));
// The worked example's first weight of the output layer: dE/dW2[0][0] = 0.082167041.
if (Math.abs(dEdW2[0] - 0.082167041) > 1e-9) {
    throw new AssertionError("dE/dW2[0][0] should be 0.082167041, got " + dEdW2[0]);
}

// 3. One gradient-descent step (learning rate 0.5) lowers the error.
Params stepped = params.plus(grads.scale(-0.5));
double after = forward(stepped).item();
System.out.printf("%nafter one step with learning rate 0.5: E %.9f -> %.9f%n", e, after);
if (!(after < e)) {
    throw new AssertionError("a gradient step should lower the error");
}

// 4. The same backward pass, repeated over many steps and samples, is training. A network of
//    this size (2 inputs, 8 hidden units, 3 outputs) learns to tell the three iris species
//    apart from the petals' length and width; the picture shows the class it predicts at each
//    point of the plane, with the training samples on top.
Dataset iris = Datasets.iris();
Dataset petals = iris.withFeatures(iris.features().slice(1, 2, 4, 1));
Split split = Split.of(petals, new SplittableRandom(0)).standardized();
Fit fit = Trainer.fit(Mlp.init(new SplittableRandom(0), Activation.TANH, 2, 8, 3),
        Optimizers.adam(0.05), split.train(), split.validation(), new TrainingSettings(60, 16, 0),
        EpochListener.silent());
System.out.println("iris petals, 2-8-3 tanh, 60 epochs: " + fit.history().last());
var regions = Plots.decisionRegionsChart("iris, predicted by a 2-8-3 network", fit.model(),
        split.train());
regions.setXAxisTitle("petal length (standardised)");
regions.setYAxisTitle("petal width (standardised)");
System.out.println(Plots.save(Plots.figure("backprop-by-hand.png"), regions));
if (!(fit.history().last().validationAccuracy() >= 0.9)) {
    throw new AssertionError("the petals should separate the species: " + fit.history().last());
}
