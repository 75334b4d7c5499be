package jgrad.core;

import static jgrad.core.CaseAssertions.assertScalar;
import static jgrad.core.CaseAssertions.assertTensor;
import static jgrad.core.CaseAssertions.dims;
import static jgrad.core.TensorTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link Autodiff}'s grad, valueAndGrad, vjp and jvp, the tape style, and nesting. */
class AutodiffTest {

    /** f(x) = sum(x^2 * tanh(x)); f'(x) = 2x tanh x + x^2 (1 - tanh^2 x). */
    private static final Function<Tensor, Tensor> F = x -> x.square().mul(x.tanh()).sum();

    @Nested
    class Functional {
        @Test
        void gradOfAKnownFunction() {
            double x = 0.7;
            double t = Math.tanh(x);
            Tensor grad = Autodiff.grad(F, Tensor.of(x));
            assertTensor(grad, dims(1), 2 * x * t + x * x * (1 - t * t));
        }

        @Test
        void differentiatingTheSameFunctionTwiceGivesTheSameAnswer() {
            Tensor x = Tensor.of(0.3, -1.2, 2.0);
            assertArrayEquals(Autodiff.grad(F, x).toArray(), Autodiff.grad(F, x).toArray());
        }

        @Test
        void valueAndGradReturnsBothAndLeavesNothingTraced() {
            Tensor x = Tensor.of(1, 2);
            ValueAndGrad<Tensor> result = Autodiff.valueAndGrad(t -> t.square().sum(), x);
            assertScalar(result.value(), 5);
            assertTensor(result.grad(), dims(2), 2, 4);
            assertFalse(result.value().isTraced());
            assertFalse(result.grad().isTraced());
            assertFalse(x.isTraced());
        }

        @Test
        void gradOfAFunctionThatIgnoresItsInputIsZerosOfItsShapeWithAWarning() {
            try (LogCapture log = LogCapture.of("jgrad.core.Autodiff")) {
                List<LogRecord> records = log.records();
                Tensor grad = Autodiff.grad(x -> Tensor.scalar(3), Tensor.zeros(2, 1));
                assertTensor(grad, dims(2, 1), 0, 0);
                assertEquals(1, records.size());
                assertEquals(Level.WARNING, records.get(0).getLevel());
                assertTrue(records.get(0).getMessage().contains("does not depend on its input"));
                // The slip the warning is for: f closes over other parameters than its own.
                Params params = Params.of("w", Tensor.of(1, 2));
                Params other = Params.of("w", Tensor.of(3, 4));
                Autodiff.grad(p -> other.get("w").sum(), params);
                assertEquals(2, records.size());
                // One of several inputs unused is normal (a frozen layer): no warning.
                Autodiff.grad(p -> p.get("a").sum(),
                        Params.of("a", Tensor.of(1), "b", Tensor.of(2)));
                Autodiff.grad(F, Tensor.of(1, 2));
                assertEquals(2, records.size());
            }
        }

        @Test
        void aWarningNamesTheNonDifferentiableOperationsAnOutputDependsOnItsInputThrough() {
            try (LogCapture log = LogCapture.of("jgrad.core.Autodiff")) {
                List<LogRecord> records = log.records();
                Tensor x = Tensor.of(1.5, -2.5);
                // The user trial's case: it depends on x, through a cast that has no derivative.
                Tensor grad = Autodiff.grad(
                        v -> v.cast(DType.INT32).cast(DType.FLOAT64).sum(), x);
                assertTensor(grad, dims(2), 0, 0);
                assertEquals(1, records.size());
                assertEquals("autodiff: f's output depends on its input only through operations"
                        + " that are not differentiable (cast to int32), so every gradient is"
                        + " zero", records.get(0).getMessage());
                Autodiff.grad(v -> v.greater(0).add(Tensor.of(3, 4).reshape(1, 2)
                        .argmax(1).cast(DType.FLOAT64)).sum(), x);
                assertTrue(records.get(1).getMessage().contains("(comparison mask)"),
                        records.get(1).getMessage());
                Autodiff.grad(v -> v.reshape(1, 2).argmax(1).add(v.less(0).cast(DType.INT32))
                        .cast(DType.FLOAT64).sum(), x);
                // The cast of a mask drops no trace: the mask had none.
                assertTrue(records.get(2).getMessage().contains("(argmax, comparison mask)"),
                        records.get(2).getMessage());
                // An integer value left from an earlier call is a constant to a later one.
                Tensor[] kept = new Tensor[1];
                Autodiff.grad(v -> {
                    kept[0] = v.cast(DType.INT32);
                    return v.sum();
                }, x);
                Autodiff.grad(v -> kept[0].cast(DType.FLOAT64).sum(), x);
                assertTrue(records.get(3).getMessage().contains("does not depend on its input"),
                        records.get(3).getMessage());
                // stopGradient is asked for: no operation to name.
                Autodiff.grad(v -> v.stopGradient().sum(), x);
                assertTrue(records.get(4).getMessage().contains("does not depend on its input"),
                        records.get(4).getMessage());
                assertEquals(5, records.size());
            }
        }

        @Test
        void gradRefusesNonScalarOutputs() {
            assertRejected(() -> Autodiff.grad(x -> x.mul(2.0), Tensor.of(1, 2)),
                    "grad", "scalar", "[2]", "vjp");
        }

        @Test
        void stopGradientBlocksTheGradient() {
            // d/dx (x * stop(x)) = stop(x) = 3, not 2x = 6
            assertScalar(Autodiff.grad(x -> x.mul(x.stopGradient()), Tensor.scalar(3)), 3);
        }

        @Test
        void nothingIsRecordedOutsideAutodiff() {
            Tensor y = Tensor.of(1, 2).exp().sum();
            assertFalse(y.isTraced());
        }
    }

    @Nested
    class VectorJacobianProducts {
        private final Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});

        @Test
        void pullbackOfAMatrixProductIsTheTransposedProduct() {
            // f(x) = A x for x [2, 1]: u^T J = (A^T u)^T
            Vjp<Tensor> vjp = Autodiff.vjp(x -> a.matmul(x), Tensor.of(new double[] {1, -1}, 2, 1));
            assertTensor(vjp.output(), dims(3, 1), -1, -1, -1);
            Tensor u = Tensor.of(new double[] {1, 0, 2}, 3, 1);
            // A^T u = [1 + 10, 2 + 12]
            assertTensor(vjp.pullback().apply(u), dims(2, 1), 11, 14);
            // the pullback can be called again, with another cotangent
            assertTensor(vjp.pullback().apply(u.mul(2.0)), dims(2, 1), 22, 28);
        }

        @Test
        void pullbackRefusesACotangentOfTheWrongShape() {
            Vjp<Tensor> vjp = Autodiff.vjp(x -> x.mul(2.0), Tensor.of(1, 2));
            assertRejected(() -> vjp.pullback().apply(Tensor.of(1, 2, 3)), "vjp", "[3]", "[2]");
        }

        @Test
        void jvpOfAKnownJacobian() {
            // f(x) = x * x0 = [x0^2, x0 x1] at (3, 2): J = [[2 x0, 0], [x1, x0]] = [[6, 0], [2, 3]]
            Function<Tensor, Tensor> f = x -> x.mul(x.mul(Tensor.of(1, 0)).sum());
            Jvp jvp = Autodiff.jvp(f, Tensor.of(3, 2), Tensor.of(1, 1));
            assertTensor(jvp.output(), dims(2), 9, 6);
            assertTensor(jvp.tangent(), dims(2), 6, 5);
            Tensor secondColumn = Autodiff.jvp(f, Tensor.of(3, 2), Tensor.of(0, 1)).tangent();
            assertTensor(secondColumn, dims(2), 0, 3);
        }

        @Test
        void jvpRefusesATangentOfTheWrongShape() {
            assertRejected(() -> Autodiff.jvp(Tensor::exp, Tensor.of(1, 2), Tensor.of(1)),
                    "jvp", "[1]", "[2]");
        }
    }

    @Nested
    class OfParams {
        private final Params params = Params.of(
                "weight", Tensor.of(new double[][] {{1, 2}, {3, 4}}), "bias", Tensor.of(0.5, -0.5));

        /** sum(w x + b) for x = [1, 1]: d/dw = x^T per row = ones, d/db = ones. */
        private Tensor loss(Params p) {
            return p.get("weight").matmul(Tensor.ones(2, 1)).reshape(2).add(p.get("bias")).sum();
        }

        @Test
        void gradientHasTheSamePathsInTheSameOrder() {
            ValueAndGrad<Params> result = Autodiff.valueAndGrad(this::loss, params);
            assertScalar(result.value(), 10);
            assertEquals(List.of("weight", "bias"), result.grad().paths().asList());
            assertTensor(result.grad().get("weight"), dims(2, 2), 1, 1, 1, 1);
            assertTensor(result.grad().get("bias"), dims(2), 1, 1);
        }

        @Test
        void paramsOperationsKeepPathsAndReturnNewValues() {
            Params doubled = params.scale(2);
            assertTensor(doubled.get("bias"), dims(2), 1, -1);
            assertTensor(params.get("bias"), dims(2), 0.5, -0.5);
            assertTensor(params.plus(doubled).get("weight"), dims(2, 2), 3, 6, 9, 12);
            assertTensor(params.map(Tensor::neg).get("bias"), dims(2), -0.5, 0.5);
            assertTensor(params.zipWith(doubled, Tensor::sub).get("bias"), dims(2), -0.5, 0.5);
            assertTensor(params.zerosLike().get("weight"), dims(2, 2), 0, 0, 0, 0);
            assertEquals(6, params.numElements());
            assertEquals(2, params.size());
            assertTrue(params.allClose(params.scale(1), 0, 0));
            assertFalse(params.allClose(doubled, 0, 0));
            assertEquals("Params{weight=[2, 2] float64, bias=[2] float64}", params.toString());
        }

        @Test
        void concatAndScopeNestPaths() {
            Params model = Params.concat(java.util.List.of(Map.entry("0", params)));
            assertEquals(List.of("0.weight", "0.bias"), model.paths().asList());
            assertEquals(params.paths(), model.scope("0").paths());
        }

        @Test
        void missingPathsAndMismatchedParamsAreRejected() {
            assertRejected(() -> params.get("weights"), "weights", "weight", "bias");
            assertRejected(() -> params.plus(Params.of("bias", Tensor.of(1, 2))), "paths differ");
        }

        @Test
        void nullsAreRefusedWithMessagesThatNameThem() {
            assertEquals("params: no tensor at a",
                    assertThrows(NullPointerException.class, () -> Params.of("a", null))
                            .getMessage());
            assertEquals("params: no tensor at b", assertThrows(NullPointerException.class,
                    () -> Params.of("a", Tensor.scalar(1), "b", null)).getMessage());
            assertEquals("autodiff: f is null", assertThrows(NullPointerException.class,
                    () -> Autodiff.grad((Function<Tensor, Tensor>) null, Tensor.scalar(1)))
                            .getMessage());
            assertEquals("autodiff: params is null", assertThrows(NullPointerException.class,
                    () -> Autodiff.grad(p -> p.get("a").sum(), (Params) null)).getMessage());
        }
    }

    @Nested
    class TapeStyle {
        @Test
        void backwardReturnsTheGradientOfEveryMarkedLeaf() {
            Tensor x = Tensor.of(1, 2).requiresGrad();
            Tensor w = Tensor.of(3, 4).requiresGrad();
            Tensor unused = Tensor.of(5).requiresGrad();
            Tensor y = x.mul(w).sum();
            Gradients gradients = y.backward();
            assertTensor(gradients.get(x), dims(2), 3, 4);
            assertTensor(gradients.get(w), dims(2), 1, 2);
            assertTensor(gradients.get(unused), dims(1), 0);
            assertFalse(gradients.get(x).isTraced());
        }

        @Test
        void callingBackwardTwiceGivesTheSameGradients() {
            Tensor x = Tensor.of(0.5, -1).requiresGrad();
            Tensor y = F.apply(x);
            assertArrayEquals(y.backward().get(x).toArray(), y.backward().get(x).toArray());
            assertArrayEquals(Autodiff.grad(F, Tensor.of(0.5, -1)).toArray(),
                    y.backward().get(x).toArray());
        }

        @Test
        void backwardNeedsAScalarAndGetNeedsAMarkedLeaf() {
            Tensor x = Tensor.of(1, 2).requiresGrad();
            assertRejected(() -> x.mul(2.0).backward(), "backward", "scalar", "[2]");
            assertRejected(() -> x.sum().backward().get(Tensor.of(1)), "requiresGrad");
        }

        @Test
        void backwardOfAValueTheTapeDidNotRecordIsRefused() {
            // PyTorch: "element 0 of tensors does not require grad and does not have a grad_fn".
            Tensor w = Tensor.of(1, 2).requiresGrad();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Tensor.scalar(3).backward());
            assertTrue(e.getMessage().contains("no path from this scalar to a requiresGrad() leaf"),
                    e.getMessage());
            // Autodiff's gradients are plain for the tape (autograd.grad without create_graph):
            // a silent 0 here would be wrong, the true value is 6w.
            Tensor g = Autodiff.grad(t -> t.pow(3).sum(), w);
            assertThrows(IllegalStateException.class, () -> g.sum().backward());
            // The value keeps its tape graph.
            Tensor value = Autodiff.valueAndGrad(t -> t.pow(3).sum(), w).value();
            assertTensor(value.backward().get(w), dims(2), 3, 12);
        }
    }

    @Nested
    class Threads {
        private static final Tensor X = Tensor.of(1, 2, 3);

        @Test
        void workHandedToAParallelStreamIsRecorded() {
            Tensor g = Autodiff.grad(t -> IntStream.range(0, 64).parallel()
                    .mapToObj(i -> t.mul((double) i))
                    .reduce(Tensor::add).orElseThrow().sum(), X);
            assertTensor(g, dims(3), 2016, 2016, 2016); // sum of 0..63
        }

        @Test
        void workHandedToAnExecutorIsRecorded() throws Exception {
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Tensor g = Autodiff.grad(t -> {
                    try {
                        return executor.submit(() -> t.square().sum()).get();
                    } catch (InterruptedException | ExecutionException e) {
                        throw new IllegalStateException(e);
                    }
                }, X);
                assertTensor(g, dims(3), 2, 4, 6);
                // The worker thread records nothing once the call has ended.
                assertFalse(executor.submit(() -> X.square().sum()).get().isTraced());
            } finally {
                executor.shutdown();
            }
        }

        @Test
        void nestingAcrossThreadsIsRefusedWithAClearMessage() throws Exception {
            // The inner call on a worker combines its own leaf with the outer call's x.
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> Autodiff.grad(x -> {
                            try {
                                return executor.submit(() -> Autodiff.grad(
                                        y -> x.square().mul(y.square()), Tensor.scalar(3))).get();
                            } catch (InterruptedException | ExecutionException inner) {
                                throw new IllegalStateException(inner);
                            }
                        }, Tensor.scalar(2)));
                // f wrapped the worker's ExecutionException, which wraps the refusal.
                Throwable refusal = e.getCause().getCause();
                assertTrue(refusal instanceof IllegalStateException, refusal.toString());
                assertTrue(refusal.getMessage().contains("Autodiff calls on two threads"),
                        refusal.getMessage());
            } finally {
                executor.shutdown();
            }
        }

        @Test
        void concurrentIndependentCallsDoNotInterfere() throws Exception {
            // 8 threads x 200 calls each, nested two deep: every result is the right one.
            ExecutorService executor = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int thread = 0; thread < 8; thread++) {
                    double c = thread + 1;
                    results.add(executor.submit(() -> {
                        boolean ok = true;
                        for (int i = 0; i < 200; i++) {
                            // d^2/dx^2 (c x^3) = 6 c x at x = 1
                            Tensor second = Autodiff.grad(x -> Autodiff.grad(
                                    t -> t.pow(3).mul(c), x), Tensor.scalar(1));
                            ok &= second.item() == 6 * c && !second.isTraced();
                        }
                        return ok;
                    }));
                }
                for (Future<Boolean> result : results) {
                    assertTrue(result.get());
                }
            } finally {
                executor.shutdown();
            }
        }

        /**
         * Runs {@code before} on a new thread, then holds an Autodiff call open there (at the
         * depth {@code before} used) while {@code check} runs on this thread.
         */
        private void whileAnotherThreadHoldsACallOpen(Runnable before, Runnable check)
                throws InterruptedException {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                before.run();
                Autodiff.grad(x -> {
                    entered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return x.square();
                }, Tensor.scalar(1));
            }, "holder");
            holder.start();
            entered.await();
            try {
                check.run();
            } finally {
                release.countDown();
                holder.join();
            }
        }

        @Test
        void valuesLeftOverFromAFinishedCallAreConstantsWhateverTheirThreadDoesNow()
                throws InterruptedException {
            // The holder's new call reuses the depth (and bit) of the finished ones.
            Tensor[] leaked = new Tensor[1];
            Tensor w = Tensor.of(1, 2, 3).requiresGrad();
            Tensor[] value = new Tensor[1];
            @SuppressWarnings("unchecked")
            Vjp<Tensor>[] vjp = new Vjp[1];
            whileAnotherThreadHoldsACallOpen(() -> {
                Autodiff.grad(x -> {
                    leaked[0] = x.mul(2.0);
                    return x.square();
                }, Tensor.scalar(3));
                value[0] = Autodiff.valueAndGrad(x -> x.mul(w).sum(), Tensor.of(1, 1, 1)).value();
                vjp[0] = Autodiff.vjp(x -> x.tanh(), Tensor.of(0.5, 1.0));
            }, () -> {
                assertScalar(Autodiff.grad(y -> y.mul(leaked[0]), Tensor.scalar(1)), 6);
                assertFalse(leaked[0].mul(2.0).isTraced());
                assertScalar(Autodiff.grad(y -> y.mul(value[0]), Tensor.scalar(1)), 6);
                Tensor tapeGradient = value[0].mul(2.0).backward().get(w);
                assertTensor(tapeGradient, dims(3), 2, 2, 2);
                assertFalse(tapeGradient.isTraced());
                Tensor pulled = vjp[0].pullback().apply(Tensor.of(1, 1));
                assertFalse(pulled.isTraced());
                Tensor throughPullback = Autodiff.grad(
                        u -> vjp[0].pullback().apply(u).sum(), Tensor.of(1, 1));
                assertTrue(throughPullback.allClose(pulled, 1e-15, 0), throughPullback.toString());
            });
        }

        @Test
        void aValueLeftOverOnThisThreadIsAConstantToALaterCallAtTheSameDepth() {
            Tensor[] leaked = new Tensor[1];
            Autodiff.grad(x -> {
                leaked[0] = x.exp();
                return x.square();
            }, Tensor.scalar(1));
            Tensor g = Autodiff.grad(y -> y.mul(leaked[0]), Tensor.scalar(2));
            assertScalar(g, Math.E);
            assertFalse(g.isTraced());
            assertFalse(leaked[0].mul(2.0).isTraced());
        }

        @Test
        void levelsCanBeOpenedManyMoreTimesThanThereAreBits() {
            for (int i = 0; i < 1000; i++) {
                assertScalar(Autodiff.grad(t -> t.square(), Tensor.scalar(i)), 2.0 * i);
            }
        }
    }

    @Nested
    class Conventions {
        @Test
        void kinksHaveTheDocumentedSubgradients() {
            // relu'(0) = 0, abs'(0) = 0 (PyTorch's choices); sqrt'(0) = +Inf
            assertTensor(Autodiff.grad(x -> x.relu().sum(), Tensor.of(-1, 0, 1)), dims(3), 0, 0, 1);
            assertTensor(Autodiff.grad(x -> x.abs().sum(), Tensor.of(-1, 0, 1)), dims(3), -1, 0, 1);
            assertTensor(Autodiff.grad(x -> x.sqrt().sum(), Tensor.of(0, 4)), dims(2),
                    Double.POSITIVE_INFINITY, 0.25);
        }

        /** Regression: a NaN maximum used to give every element a zero gradient. */
        @Test
        void aNaNMaximumSendsItsGradientToTheNaNElements() {
            assertTensor(Autodiff.grad(Tensor::max, Tensor.of(1, Double.NaN, 3)), dims(3), 0, 1, 0);
            Tensor rows = Tensor.of(new double[][] {{1, Double.NaN}, {2, 3}});
            assertTensor(Autodiff.grad(x -> x.max(1, false).sum(), rows), dims(2, 2), 0, 1, 0, 1);
        }

        @Test
        void unselectedBranchesWithInfiniteDerivativesAddExactlyZero() {
            // d/dx where(x > 0, sqrt(x), 0) at x = 0: the sqrt branch has derivative +Inf
            Tensor grad = Autodiff.grad(
                    x -> Tensor.where(x.greater(0.0), x.sqrt(), x.zerosLike()).sum(),
                    Tensor.of(0, 4));
            assertTensor(grad, dims(2), 0, 0.25);
        }
    }

    @Nested
    class Nesting {
        /**
         * Perturbation confusion (Siskind and Pearlmutter 2005): d/dx [x * d/dy (x + y)] at x = 1
         * is 1, since the inner derivative is 1; a framework that mixes levels gives 2.
         */
        @Test
        void innerAndOuterLevelsDoNotMix() {
            Tensor result = Autodiff.grad(
                    x -> x.mul(Autodiff.grad(y -> x.add(y).sum(), Tensor.scalar(1))),
                    Tensor.scalar(1));
            assertScalar(result, 1);
        }

        @Test
        void thirdDerivativeOfXToTheFourth() {
            // d^3/dx^3 x^4 = 24 x = 48 at x = 2
            Function<Tensor, Tensor> first = x -> Autodiff.grad(t -> t.pow(4.0), x);
            Function<Tensor, Tensor> second = x -> Autodiff.grad(first, x);
            assertScalar(Autodiff.grad(second, Tensor.scalar(2)), 48);
        }

        @Test
        void gradientOfAClosedOverValueFlowsThroughTheInnerCall() {
            // g(x) = d/dy [x^2 y^2] at y = 3 = 6 x^2, so g'(x) = 12 x = 24 at x = 2
            Tensor result = Autodiff.grad(x -> Autodiff.grad(
                    y -> x.square().mul(y.square()), Tensor.scalar(3)), Tensor.scalar(2));
            assertScalar(result, 24);
        }
    }
}
