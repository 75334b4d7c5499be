// gradient-descent-1d.jsh: gradient descent on L(w) = w^2, one weight, with the derivative taken
// by jgrad. Run it with: ./notebook notebooks-jshell/gradient-descent-1d.jsh
//
// Gradient descent repeats one step: w <- w - learningRate * dL/dw. The derivative says which
// way L rises; the step goes the other way, in proportion to how steep L is. Here dL/dw = 2w, so
// each step multiplies w by (1 - 2 * learningRate): 0.2 for a learning rate of 0.4.

// The loss as a function of a tensor, so that jgrad can differentiate it.
Function<Tensor, Tensor> loss = w -> w.square();

// Five epochs (here one step each) from w = 5; returns every w visited, the start first.
double[] descend(double start, double learningRate, int epochs) {
    double[] path = new double[epochs + 1];
    Tensor w = Tensor.scalar(start);
    path[0] = w.item();
    for (int epoch = 1; epoch <= epochs; epoch++) {
        Tensor gradient = Autodiff.grad(loss, w);        // dL/dw = 2w, by jgrad
        w = w.sub(gradient.mul(learningRate));             // the gradient-descent step
        path[epoch] = w.item();
    }
    return path;
}

// 1. Learning rate 0.4: each step multiplies w by 1 - 2 * 0.4 = 0.2.
double[] path = descend(5.0, 0.4, 5);
System.out.println("learning rate 0.4, L(w) = w^2, start w = 5");
System.out.println("  epoch   w            L(w)          dL/dw (jgrad)");
for (int epoch = 0; epoch < path.length; epoch++) {
    double slope = Autodiff.grad(loss, Tensor.scalar(path[epoch])).item();
    System.out.printf("  %5d   %-11.6g  %-12.6g  %.6g%n", epoch, path[epoch],
            path[epoch] * path[epoch], slope);
}
System.out.println("path: " + Arrays.toString(path));

// The claim: the path is 5, 1, 0.2, 0.04, 0.008, 0.0016 (each w times 0.2).
double[] expected = {5.0, 1.0, 0.2, 0.04, 0.008, 0.0016};
for (int i = 0; i < expected.length; i++) {
    if (Math.abs(path[i] - expected[i]) > 1e-12) {
        throw new AssertionError("epoch " + i + ": w = " + path[i] + ", expected " + expected[i]);
    }
}

// 2. Too small and too large. With 0.1 each step multiplies w by 0.8: after 5 epochs w is
//    still 1.6384 (5 * 0.8^5), far from the minimum. With 1.1 the factor is -1.2: every step
//    jumps over the minimum to a higher point on the other side, and w grows without bound.
double[] slow = descend(5.0, 0.1, 5);
double[] diverging = descend(5.0, 1.1, 5);
System.out.println("learning rate 0.1: " + Arrays.toString(slow));
System.out.println("learning rate 1.1: " + Arrays.toString(diverging));
for (int i = 0; i <= 5; i++) {
    double slowExpected = 5 * Math.pow(0.8, i);
    double divergingExpected = 5 * Math.pow(-1.2, i);
    if (Math.abs(slow[i] - slowExpected) > 1e-12
            || Math.abs(diverging[i] - divergingExpected) > 1e-12 * Math.abs(divergingExpected)) {
        throw new AssertionError("epoch " + i + ": " + slow[i] + ", " + diverging[i]);
    }
}
if (!(Math.abs(slow[5]) > 1.5 && Math.abs(diverging[5]) > 12 && Math.abs(path[5]) < 0.002)) {
    throw new AssertionError("0.1 should be slow, 1.1 should diverge, 0.4 should converge");
}

// 3. The three runs drawn on the curve L(w) = w^2; arrows point from each w to the next.
var converging = Plots.curveWithPath("learning rate 0.4: converges", w -> w * w,
        Tensor.of(path));
var creeping = Plots.curveWithPath("learning rate 0.1: slow", w -> w * w, Tensor.of(slow));
var jumping = Plots.curveWithPath("learning rate 1.1: diverges", w -> w * w,
        Tensor.of(diverging));
for (var chart : List.of(converging, creeping, jumping)) {
    chart.setXAxisTitle("w");
    chart.setYAxisTitle("L(w) = w\u00b2");
}
System.out.println(Plots.save(Plots.figure("gradient-descent-1d.png"), converging, creeping,
        jumping));
