// gradient-check.jsh: checking a gradient you derived by hand, kinks, grad of grad, and what the
// numbers in a gradient-check report mean.
// Run it with: ./notebook notebooks-jshell/gradient-check.jsh

// 1. f(x) = sum(x * sigmoid(x)) (the "swish" activation, summed). By the product rule
//    d/dx [x s(x)] = s(x) + x s(x) (1 - s(x)). A first attempt forgets the first term.
Function<Tensor, Tensor> swish = x -> x.mul(x.sigmoid()).sum();
Function<Tensor, Tensor> slip = x -> x.mul(x.sigmoid()).mul(x.sigmoid().neg().add(1));
Tensor x = Tensor.of(-2.0, -0.5, 0.0, 1.0, 3.0);

// GradCheck compares YOUR numbers with central differences (f(x + h) - f(x - h)) / 2h, element by
// element, with jgrad's own reverse mode in a third column. Every element is listed.
GradCheckReport first = GradCheck.of(swish).named("swish").gradient(slip, x);
System.out.println(first);
if (first.passed() || first.failures().size() != 5) {
    throw new AssertionError("the slip should fail at every element: " + first);
}

// Reading it: at x[2] = 0 your value is 0 * s(0) * (1 - s(0)) = 0, the numeric value is s(0) =
// 0.5, the error |0 - 0.5| is far above the allowed 1e-7 + 1e-5 * 0.5. jgrad's reverse mode
// agrees with the numeric column, so the slip is in the hand derivation, as the note says.
GradCheckReport.Entry atZero = first.entries().get(2);
System.out.printf("x[2]: yours %s, numeric %.12f, error %.3e, allowed %.3e%n", atZero.value(),
        atZero.numeric(), atZero.error(), atZero.allowed());

// The fix: add the forgotten term s(x).
Function<Tensor, Tensor> fixed = t -> t.sigmoid().add(slip.apply(t));
GradCheckReport second = GradCheck.of(swish).named("swish").gradient(fixed, x);
System.out.println(second.summary());
if (!second.passed()) {
    throw new AssertionError("the fixed gradient should pass: " + second);
}

// 2. What else is in a report: the tolerance (|error| <= atol + rtol |numeric|, in float64), the
//    step h = 1e-5 * max(1, |x_i|), and an error budget for the worst comparison: the central
//    difference is off by about h^2 |f'''| / 6 (truncation) plus 16 eps |f| / h (rounding), far
//    below the allowed error, so a failure means the gradient is wrong, not the difference.
GradCheckReport.ErrorBudget budget = second.budget().orElseThrow();
System.out.printf("tolerance %s; worst %s, step %.1e; budget: truncation %.1e + rounding %.1e"
        + " = %.1e, allowed %.1e%n", second.tolerance(), second.worst().orElseThrow().where(),
        budget.step(), budget.truncation(), budget.rounding(), budget.total(), second.allowed());
if (!(budget.total() < second.allowed() / 100)) {
    throw new AssertionError("the budget should be well inside the tolerance: " + budget);
}
// The same report as JSON, for tools:
System.out.println(second.toJson().substring(0, 120) + "...");

// 3. A kink: relu at 0 has one-sided derivatives 0 (from the left) and 1 (from the right); any
//    value between them is a valid subgradient (jgrad uses relu'(0) = 0, as PyTorch does). The
//    check finds the kink from one-sided differences that disagree at every step, and reports
//    it as a kink instead of failing the subgradient against the average 0.5 that a central
//    difference gives.
GradCheckReport relu = GradCheck.of(t -> t.relu().sum()).named("relu").reverseMode(
        Tensor.of(-1.0, 0.0, 2.0));
System.out.println(relu);
if (!relu.passed() || relu.kinks().size() != 1) {
    throw new AssertionError("relu at 0 should be reported as one kink: " + relu);
}
// Declared kinks (Domain) are checked without searching: both one-sided derivatives, at once.
GradCheckReport abs = GradCheck.of(t -> t.abs().sum()).named("abs").domain(
        Domain.REALS.withKinks(0)).reverseMode(Tensor.of(0.0));
System.out.println(abs.kinks().get(0));

// 4. Grad of grad. secondOrder differentiates the gradient again (reverse over reverse) and
//    checks it, so for a scalar f every element of the Hessian is compared.
Function<Tensor, Tensor> f = t -> t.exp().mul(t).sum();       // f = sum(x e^x)
Tensor p = Tensor.of(0.5, -1.0, 2.0);
GradCheckReport hessian = GradCheck.of(f).named("sum(x e^x)").secondOrder(p);
System.out.println(hessian.summary());
if (!hessian.passed() || hessian.comparisons() != 9) {
    throw new AssertionError("every Hessian element should pass: " + hessian);
}

// A Hessian-vector product by nested grad: Hv = grad_x <grad f(x), v>. By hand, f'' = e^x (x + 2)
// on the diagonal and 0 elsewhere, so Hv = e^x (x + 2) v. Check the hand formula against
// central differences of the nested gradient, with jgrad's reverse-over-reverse beside it.
Tensor v = Tensor.of(1.0, -2.0, 0.5);
Function<Tensor, Tensor> directional = t -> Autodiff.grad(f, t).mul(v).sum();
GradCheckReport hvp = GradCheck.of(directional).named("<grad f, v>").gradient(
        t -> t.exp().mul(t.add(2)).mul(v), p);
System.out.println(hvp);
if (!hvp.passed()) {
    throw new AssertionError("the hand-derived Hessian-vector product should pass: " + hvp);
}
