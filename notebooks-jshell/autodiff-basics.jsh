// autodiff-basics.jsh: tensors, gradients by the chain rule, grad of grad, gradient checking.
// Run it with: ./notebook notebooks-jshell/autodiff-basics.jsh

// 1. Tensors are immutable values with a shape and a dtype (float64 by default).
Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
Tensor b = Tensor.of(10, 20, 30);
System.out.println("x + b broadcasts [2, 3] with [3]: " + x.add(b));
System.out.println("column sums: " + x.sum(0, false) + ", row means: " + x.mean(1, true));

// 2. A gradient is a value returned by Autodiff.grad; nothing is stored on the tensors.
Tensor g = Autodiff.grad(t -> t.tanh(), Tensor.scalar(0.5));
System.out.println("d tanh(t)/dt at 0.5 = " + g.item() + "  (1 - tanh(0.5)^2 = "
        + (1 - Math.pow(Math.tanh(0.5), 2)) + ")");

// 3. One neuron, y = sigmoid(w.x + b), loss = 1/2 (y - target)^2, differentiated two ways.
Tensor input = Tensor.of(0.5, -1.0, 2.0);
double target = 1.0;
Params neuron = Params.of("w", Tensor.of(0.1, 0.2, -0.3), "b", Tensor.scalar(0.05));
var valueAndGrad = Autodiff.valueAndGrad(
        p -> p.get("w").mul(input).sum().add(p.get("b")).sigmoid().sub(target).square().mul(0.5),
        neuron);
System.out.println("loss = " + valueAndGrad.value().item());
System.out.println("autodiff: dL/dw = " + valueAndGrad.grad().get("w") + ", dL/db = "
        + valueAndGrad.grad().get("b").item());

// By hand, the chain rule: dL/dy = y - target; dy/dz = y (1 - y); dz/dw = input; dz/db = 1.
double z = 0.1 * 0.5 + 0.2 * -1.0 + -0.3 * 2.0 + 0.05;
double y = 1 / (1 + Math.exp(-z));
double delta = (y - target) * y * (1 - y);
System.out.printf("by hand:  dL/dw = [%.8f, %.8f, %.8f], dL/db = %.8f%n",
        delta * 0.5, delta * -1.0, delta * 2.0, delta);
Tensor byHand = Tensor.of(delta * 0.5, -delta, 2 * delta);
if (!valueAndGrad.grad().get("w").allClose(byHand, 1e-12, 1e-15)) {
    throw new AssertionError("autodiff and the hand-derived chain rule disagree");
}

// 4. Gradients are differentiable: the second derivative of x^3 is 6x.
Tensor second = Autodiff.grad(t -> Autodiff.grad(s -> s.mul(s).mul(s), t), Tensor.scalar(2.0));
System.out.println("d2/dx2 x^3 at 2 = " + second.item());

// 5. The tape style, as in PyTorch: mark leaves, call backward(), get gradients back as a value.
Tensor w = Tensor.of(1.0, 2.0, 3.0).requiresGrad();
Gradients grads = w.mul(w).sum().backward();
System.out.println("d sum(w^2)/dw = " + grads.get(w));

// 6. Gradient checking against central finite differences is a public feature.
System.out.println(GradCheck.check(t -> t.softmax(1), x.div(3.0), Tolerance.FLOAT64));
// A wrong gradient (stopGradient hides half of d(t*t)/dt) is caught, with the worst element named.
System.out.println(GradCheck.check(t -> t.mul(t.stopGradient()).sum(), x, Tolerance.FLOAT64));
