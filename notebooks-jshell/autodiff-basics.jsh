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

// 6. Gradient checking against central finite differences is a public feature. GradCheck draws
//    a random cotangent u shaped like f(x) and, for each input element x_i, compares the
//    derivative of <u, f(x)> = sum(u * f(x)) by the backward pass ("analytic") with a central
//    difference ("numeric"): the values it prints are derivatives of that projection, not of f.
GradCheckReport softmaxCheck = GradCheck.check(t -> t.softmax(1), x.div(3.0), Tolerance.FLOAT64);
System.out.println(softmaxCheck);
if (!softmaxCheck.passed()) {
    throw new AssertionError("softmax's gradient should pass the check");
}

// A wrong gradient is caught: t * stopGradient(t) has the value t^2, but the backward pass sees
// only the first factor, so it returns t where d(t^2)/dt = 2t.
Function<Tensor, Tensor> badSquare = t -> t.mul(t.stopGradient()).sum();
GradCheckReport badCheck = GradCheck.check(badSquare, x, Tolerance.FLOAT64);
System.out.println(badCheck);
// f is a scalar, so u is one random number and both values are u times a derivative: at the
// worst element, x[1, 2] = 6, the backward pass gives u * 6 and the difference u * 12. Whatever
// u is, numeric / analytic = 2 reveals the missing factor 2.
System.out.printf("numeric / analytic = %.6f%n", badCheck.numeric() / badCheck.analytic());
System.out.println("backward pass: " + Autodiff.grad(badSquare, x));
System.out.println("true gradient 2x: " + x.mul(2));
if (!(!badCheck.passed() && badCheck.index().equals(ImmutableIntArray.of(1, 2))
        && Math.abs(badCheck.numeric() / badCheck.analytic() - 2) < 1e-6)) {
    throw new AssertionError("the check should fail, off by a factor 2: " + badCheck);
}
