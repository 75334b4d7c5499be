// gradient-descent-2d.jsh: gradient descent on L(w1, w2) = w1^2 + w2^2, two weights at once.
// Run it with: ./notebook notebooks-jshell/gradient-descent-2d.jsh
//
// With two weights the derivative becomes the gradient, the vector of both partial derivatives
// [dL/dw1, dL/dw2] = [2 w1, 2 w2]. It points uphill, across the contour lines (where L is
// constant); the step goes the other way: w <- w - learningRate * gradient.

Function<Tensor, Tensor> loss = w -> w.square().sum();   // L(w) = w1^2 + w2^2, w = [w1, w2]

double learningRate = 0.1;
int epochs = 40;
Tensor w = Tensor.of(2.0, 4.0);
List<Tensor> path = new ArrayList<>(List.of(w));
for (int epoch = 1; epoch <= epochs; epoch++) {
    Tensor gradient = Autodiff.grad(loss, w);              // [2 w1, 2 w2], by jgrad
    w = w.sub(gradient.mul(learningRate));
    path.add(w);
}

// Each step multiplies w by 1 - 2 * 0.1 = 0.8, so after k epochs w = [2, 4] * 0.8^k: both
// weights shrink at the same rate and the path is a straight line to the minimum at [0, 0].
System.out.println("learning rate 0.1, start [2, 4]");
System.out.println("  epoch   w1             w2             L(w)");
for (int epoch = 0; epoch <= epochs; epoch++) {
    Tensor point = path.get(epoch);
    System.out.printf("  %5d   %-13.6e  %-13.6e  %.6e%n", epoch, point.get(0), point.get(1),
            loss.apply(point).item());
}
for (int epoch = 0; epoch <= epochs; epoch++) {
    Tensor expected = Tensor.of(2.0, 4.0).mul(Math.pow(0.8, epoch));
    if (!path.get(epoch).allClose(expected, 1e-12, 0)) {
        throw new AssertionError("epoch " + epoch + ": " + path.get(epoch) + ", expected "
                + expected);
    }
}
// The last point is [2, 4] * 0.8^40 = [2.658456e-4, 5.316912e-4] (about [2.6585e-4, 5.3169e-4]):
// L has fallen from 20 to 3.5e-7.
Tensor last = path.get(epochs);
System.out.printf("after %d epochs: w = [%.6e, %.6e]%n", epochs, last.get(0), last.get(1));
if (!(Math.abs(last.get(0) - 2.658456e-4) < 1e-9 && Math.abs(last.get(1) - 5.316912e-4) < 1e-9)) {
    throw new AssertionError("the last point should be [2.658456e-4, 5.316912e-4]: " + last);
}

// The contour lines of L are circles around the minimum; the path crosses them at right
// angles, since the gradient is perpendicular to the contour line through each point.
double[] points = new double[2 * path.size()];
for (int k = 0; k < path.size(); k++) {
    points[2 * k] = path.get(k).get(0);
    points[2 * k + 1] = path.get(k).get(1);
}
var contour = Plots.contourChart("L(w1, w2) = w1\u00b2 + w2\u00b2, learning rate 0.1",
        (w1, w2) -> w1 * w1 + w2 * w2, Interval.of(-5, 5), Interval.of(-5, 5),
        Tensor.of(points, path.size(), 2));
contour.setXAxisTitle("w1");
contour.setYAxisTitle("w2");
System.out.println(Plots.save(Plots.figure("gradient-descent-2d.png"), contour));
