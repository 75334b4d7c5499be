// activations-and-losses.jsh: the nonlinearities between layers, their derivatives (taken by
// jgrad), the losses that score a network's output, and why the output activation and the loss
// are chosen together. Run it with: ./notebook notebooks-jshell/activations-and-losses.jsh

void check(String what, double actual, double expected, double tolerance) {
    if (!(Math.abs(actual - expected) <= tolerance)) {
        throw new AssertionError(what + " = " + actual + ", expected " + expected);
    }
}

// 1. Activations and their derivatives. For an elementwise f, the gradient of sum(f(x)) holds
//    f'(x_i) at each element: one call gives the derivative at every point.
Tensor x = Tensor.of(-2.0, 0.0, 2.0);
for (var f : List.<Map.Entry<String, Function<Tensor, Tensor>>>of(
        Map.entry("relu", Tensor::relu), Map.entry("sigmoid", Tensor::sigmoid),
        Map.entry("tanh", Tensor::tanh))) {
    Tensor derivative = Autodiff.grad(t -> f.getValue().apply(t).sum(), x);
    System.out.printf("%-8s at [-2, 0, 2]: %s, derivative %s%n", f.getKey(),
            Arrays.toString(f.getValue().apply(x).toArray()),
            Arrays.toString(derivative.toArray()));
}
// relu' is 0 left of 0 and 1 right of it (0 at the kink itself, as in PyTorch); sigmoid' =
// s (1 - s) peaks at 0.25; tanh' = 1 - tanh^2 peaks at 1. Saturated (|x| large), sigmoid and
// tanh pass almost no gradient back: their derivatives at 2 are already 0.105 and 0.071.
Tensor reluSlope = Autodiff.grad(t -> t.relu().sum(), x);
Tensor sigmoidSlope = Autodiff.grad(t -> t.sigmoid().sum(), x);
Tensor tanhSlope = Autodiff.grad(t -> t.tanh().sum(), x);
check("relu'(-2)", reluSlope.get(0), 0, 0);
check("relu'(0)", reluSlope.get(1), 0, 0);
check("relu'(2)", reluSlope.get(2), 1, 0);
check("sigmoid'(0)", sigmoidSlope.get(1), 0.25, 1e-15);
double s2 = 1 / (1 + Math.exp(-2));
check("sigmoid'(2)", sigmoidSlope.get(2), s2 * (1 - s2), 1e-15);
check("tanh'(0)", tanhSlope.get(1), 1, 1e-15);
check("tanh'(2)", tanhSlope.get(2), 1 - Math.tanh(2) * Math.tanh(2), 1e-15);

// 2. Softmax turns a vector of scores (logits) into probabilities: exp(z_i) / sum_j exp(z_j).
//    Its derivative is a matrix, the Jacobian J_ij = dp_i/dz_j = p_i (delta_ij - p_j); row i
//    is the vector-Jacobian product with the unit vector e_i, which jgrad's vjp returns.
Tensor logits = Tensor.of(2.0, 1.0, 0.1);
var softmax = Autodiff.vjp(z -> z.softmax(0), logits);
Tensor p = softmax.output();
System.out.println("softmax of [2, 1, 0.1]: " + Arrays.toString(p.toArray()));
check("sum of softmax", p.sum().item(), 1, 1e-15);
check("softmax[0]", p.get(0), 0.6590011388859679, 1e-15);
System.out.println("Jacobian dp_i/dz_j (jgrad, row by row) beside p_i (delta_ij - p_j):");
for (int i = 0; i < 3; i++) {
    double[] unit = new double[3];
    unit[i] = 1;
    double[] row = softmax.pullback().apply(Tensor.of(unit)).toArray();
    double[] formula = new double[3];
    for (int j = 0; j < 3; j++) {
        formula[j] = p.get(i) * ((i == j ? 1 : 0) - p.get(j));
        check("J[" + i + "][" + j + "]", row[j], formula[j], 1e-15);
    }
    System.out.printf("  %s   %s%n", Arrays.toString(row), Arrays.toString(formula));
}

// The activations drawn with their derivatives; softmax of the logits (x, 1, 0) as x varies,
// with dp0/dx = p0 (1 - p0) by jgrad.
Tensor xs = Tensor.of(Interval.of(-4, 4).linspace(401));
Function<Tensor, Tensor> softmaxOfX = t -> t.reshape(-1, 1).
        matmul(Tensor.of(new double[][] {{1, 0, 0}})).add(Tensor.of(0.0, 1.0, 0.0)).softmax(1);
Tensor probabilities = softmaxOfX.apply(xs);
Tensor p0Slope = Autodiff.grad(t -> softmaxOfX.apply(t).slice(1, 0, 1, 1).sum(), xs);
var softmaxChart = Plots.lines("softmax of the logits (x, 1, 0)", xs, ImmutableMap.of(
        "p0", probabilities.slice(1, 0, 1, 1).reshape(-1),
        "p1", probabilities.slice(1, 1, 2, 1).reshape(-1),
        "p2", probabilities.slice(1, 2, 3, 1).reshape(-1),
        "dp0/dx (jgrad)", p0Slope));
System.out.println(Plots.save(Plots.figure("activations.png"), 2, List.of(
        Plots.functionAndDerivative("relu", Tensor::relu, Interval.of(-4, 4)),
        Plots.functionAndDerivative("sigmoid", Tensor::sigmoid, Interval.of(-4, 4)),
        Plots.functionAndDerivative("tanh", Tensor::tanh, Interval.of(-4, 4)),
        softmaxChart)));

// 3. Losses on small worked examples.
//    Half squared error, E = 1/2 sum (y - t)^2: outputs [0.8, 0.2] against targets [1, 0] give
//    1/2 (0.04 + 0.04) = 0.04, and dE/dy = y - t = [-0.2, 0.2].
Tensor outputs = Tensor.of(0.8, 0.2);
Tensor targets = Tensor.of(1.0, 0.0);
var squared = Autodiff.valueAndGrad(y -> Losses.halfSquaredError(y, targets), outputs);
System.out.printf("half squared error of [0.8, 0.2] against [1, 0]: %.6f, dE/dy = %s%n",
        squared.value().item(), Arrays.toString(squared.grad().toArray()));
check("half squared error", squared.value().item(), 0.04, 1e-15);
check("dE/dy[0]", squared.grad().get(0), -0.2, 1e-15);

//    Cross-entropy of a prediction [0.7, 0.2, 0.1] when the right class is 0: -ln 0.7 = 0.3567.
//    jgrad computes it from logits; the logits ln p give back exactly these probabilities.
Tensor predicted = Tensor.of(0.7, 0.2, 0.1);
double crossEntropy = Losses.softmaxCrossEntropy(predicted.log().reshape(1, 3),
        ImmutableIntArray.of(0)).item();
System.out.printf("cross-entropy of [0.7, 0.2, 0.1], right class 0: %.8f (-ln 0.7 = %.8f)%n",
        crossEntropy, -Math.log(0.7));
check("cross-entropy", crossEntropy, -Math.log(0.7), 1e-15);
//    A confident wrong answer costs much more: [0.1, 0.2, 0.7] gives -ln 0.1 = 2.3026.
double wrong = Losses.softmaxCrossEntropy(Tensor.of(0.1, 0.2, 0.7).log().reshape(1, 3),
        ImmutableIntArray.of(0)).item();
System.out.printf("cross-entropy of [0.1, 0.2, 0.7], right class 0: %.8f%n", wrong);
check("confident wrong cross-entropy", wrong, -Math.log(0.1), 1e-14);

// 4. Entropy and cross-entropy of distributions, in nats (natural logarithm) and bits (log2).
//    H(p) = -sum p log p measures how uncertain p is; H(p, q) = -sum p log q is the cost of
//    coding p's outcomes with a code made for q. H(p, q) >= H(p), equal only when q = p; the
//    difference is the Kullback-Leibler divergence KL(p || q).
Tensor pDist = Tensor.of(0.5, 0.25, 0.25);
Tensor qDist = Tensor.of(1.0 / 3, 1.0 / 3, 1.0 / 3);
double entropy = pDist.mul(pDist.log()).sum().neg().item();
double crossEntropyPQ = pDist.mul(qDist.log()).sum().neg().item();
System.out.printf("H(p) for p = [0.5, 0.25, 0.25]: %.6f nats = %.4f bits%n", entropy,
        entropy / Math.log(2));
System.out.printf("H(p, q) for q uniform: %.6f nats = %.4f bits; KL(p || q) = %.6f nats%n",
        crossEntropyPQ, crossEntropyPQ / Math.log(2), crossEntropyPQ - entropy);
check("H(p) in bits", entropy / Math.log(2), 1.5, 1e-15);
check("H(p, q)", crossEntropyPQ, Math.log(3), 1e-15);
check("KL(p || q)", crossEntropyPQ - entropy, Math.log(3) - 1.5 * Math.log(2), 1e-15);

// 5. Why the output activation and the loss go together. A sigmoid output y = s(z) for a yes/no
//    target t is scored by binary cross-entropy, -t ln y - (1 - t) ln(1 - y), written stably
//    from the logit as softplus(z) - t z. Its gradient with respect to the logit is simply
//    y - t: large when the output is wrong. Half squared error on the same sigmoid output has
//    the gradient (y - t) y (1 - y): the sigmoid's slope multiplies it, so a confidently wrong
//    output (z = -6, y = 0.0025, target 1) gets almost no gradient and learns slowly.
//    Softmax with cross-entropy is the same pair for several classes: gradient p - onehot.
Tensor z = Tensor.scalar(-6.0);
double y = 1 / (1 + Math.exp(6));
double bceSlope = Autodiff.grad(t -> t.softplus().sub(t.mul(1.0)), z).item();
double squaredSlope = Autodiff.grad(t -> t.sigmoid().sub(1.0).square().mul(0.5), z).item();
System.out.printf("logit -6, target 1: sigmoid %.6f; dLoss/dz: cross-entropy %.6f (y - t),"
        + " half squared error %.6f ((y - t) y (1 - y))%n", y, bceSlope, squaredSlope);
check("binary cross-entropy gradient", bceSlope, y - 1, 1e-15);
check("squared-error gradient", squaredSlope, (y - 1) * y * (1 - y), 1e-15);
if (!(Math.abs(bceSlope) > 300 * Math.abs(squaredSlope))) {
    throw new AssertionError("cross-entropy should pass a far larger gradient when wrong");
}
Tensor softmaxSlope = Autodiff.grad(
        l -> Losses.softmaxCrossEntropy(l.reshape(1, 3), ImmutableIntArray.of(0)), logits);
System.out.println("softmax cross-entropy, logits [2, 1, 0.1], class 0: dLoss/dz = "
        + Arrays.toString(softmaxSlope.toArray()) + " = p - onehot");
if (!softmaxSlope.allClose(p.sub(Tensor.of(1.0, 0.0, 0.0)), 1e-14, 1e-15)) {
    throw new AssertionError("the gradient of softmax cross-entropy should be p - onehot");
}

// Both losses of a sigmoid output against target 1, and their gradients by the logit z.
Tensor logitsAxis = Tensor.of(Interval.of(-6, 6).linspace(241));
Function<Tensor, Tensor> crossEntropyOfZ = t -> t.softplus().sub(t);
Function<Tensor, Tensor> squaredOfZ = t -> t.sigmoid().sub(1.0).square().mul(0.5);
var lossesChart = Plots.lines("sigmoid output, target 1", logitsAxis, ImmutableMap.of(
        "cross-entropy", crossEntropyOfZ.apply(logitsAxis),
        "d cross-entropy / dz", Autodiff.grad(t -> crossEntropyOfZ.apply(t).sum(), logitsAxis),
        "half squared error", squaredOfZ.apply(logitsAxis),
        "d squared error / dz", Autodiff.grad(t -> squaredOfZ.apply(t).sum(), logitsAxis)));
lossesChart.setXAxisTitle("logit z");
lossesChart.setYAxisTitle("loss, gradient");
System.out.println(Plots.save(Plots.figure("output-losses.png"), lossesChart));
