package jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import jgrad.core.Autodiff;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every optimiser against PyTorch 1.13 (Lion: NumPy, after Optax) over 20 updates in float64,
 * on the problem of {@code make_optimizer_fixtures.py} (see there for the loss): parameters after
 * each update within {@code 1e-12 + 1e-12 · |want|} of the fixture. The gradients are computed
 * here by jgrad at jgrad's own parameters, so errors would compound rather than be reset.
 */
class OptimizerFixturesTest {

    static final int STEPS = 20;

    static final Tensor X = Tensor.of(new double[][] {
        {0.5, -1.0, 0.25}, {1.5, 0.3, -0.7}, {-0.2, 0.8, 1.1}, {0.9, -0.4, 0.6}});
    static final Tensor Y = Tensor.of(new double[][] {
        {1.0, -1.0}, {-1.0, 1.0}, {1.0, 1.0}, {-1.0, -1.0}});
    static final Tensor C = Tensor.of(new double[] {0.1, 0.5, 1.0, 3.0, 0.2, 2.0, 0.05, 1.5},
            2, 1, 2, 2);
    static final ImmutableMap<String, Shape> SHAPES = ImmutableMap.of(
            "weight", Shape.of(2, 3), "bias", Shape.of(2), "scale", Shape.scalar(),
            "kernel", Shape.of(2, 1, 2, 2));

    /** The cases of the fixture script, by name, with the same hyper-parameters. */
    static final ImmutableMap<String, Supplier<GradientTransformation<?>>> CASES =
            ImmutableMap.<String, Supplier<GradientTransformation<?>>>builder()
                    .put("sgd", () -> Optimizers.sgd(0.1))
                    .put("sgd_momentum", () -> Optimizers.sgd(0.1, 0.9))
                    .put("sgd_momentum_dampening_weight_decay",
                            () -> Optimizers.sgd(0.1, 0.9, 0.5, 0.01, false))
                    .put("sgd_nesterov_weight_decay",
                            () -> Optimizers.sgd(0.1, 0.9, 0, 0.05, true))
                    .put("sgd_momentum_step_lr", () -> Optimizers.sgd(
                            Schedule.stepDecay(0.1, 0.5, 5), 0.9, 0, 0, false))
                    .put("adam", () -> Optimizers.adam(0.05))
                    .put("adam_amsgrad_weight_decay",
                            () -> Optimizers.adam(0.05, 0.8, 0.99, 1e-6, 0.1, true))
                    .put("adamw", () -> Optimizers.adamW(0.05))
                    .put("adamw_amsgrad",
                            () -> Optimizers.adamW(0.05, 0.8, 0.99, 1e-6, 0.1, true))
                    .put("rmsprop", () -> Optimizers.rmsprop(0.01))
                    .put("rmsprop_centered_momentum_weight_decay",
                            () -> Optimizers.rmsprop(0.01, 0.9, 1e-4, 0.1, 0.5, true))
                    .put("adagrad", () -> Optimizers.adagrad(0.1))
                    .put("adagrad_lr_decay_weight_decay",
                            () -> Optimizers.adagrad(0.1, 0.05, 0.1, 0.5, 1e-6))
                    .put("adadelta", () -> Optimizers.adadelta(1.0))
                    .put("adadelta_weight_decay",
                            () -> Optimizers.adadelta(0.5, 0.8, 1e-4, 0.1))
                    .put("adamax", () -> Optimizers.adamax(0.02))
                    .put("adamax_weight_decay",
                            () -> Optimizers.adamax(0.02, 0.8, 0.95, 1e-3, 0.1))
                    .put("nadam", () -> Optimizers.nadam(0.02))
                    .put("nadam_weight_decay",
                            () -> Optimizers.nadam(0.02, 0.8, 0.95, 1e-3, 0.1, 0.01))
                    .put("radam", () -> Optimizers.radam(0.02))
                    .put("radam_weight_decay",
                            () -> Optimizers.radam(0.02, 0.8, 0.9, 1e-3, 0.1))
                    .put("clip_by_value_sgd", () -> Optimizers.chain(
                            Optimizers.clipByValue(0.1), Optimizers.sgd(0.1)))
                    .put("clip_by_norm_adam", () -> Optimizers.chain(
                            Optimizers.clipByNorm(0.2), Optimizers.adam(0.05)))
                    .put("clip_by_global_norm_sgd_momentum", () -> Optimizers.chain(
                            Optimizers.clipByGlobalNorm(1.0), Optimizers.sgd(0.1, 0.9)))
                    .put("lion", () -> Optimizers.lion(0.01))
                    .put("lion_betas_weight_decay", () -> Optimizers.lion(0.01, 0.8, 0.9, 0.1))
                    .buildOrThrow();

    static final ImmutableMap<String, ImmutableList<ImmutableMap<String, double[]>>> FIXTURES =
            Fixtures.trajectories();

    /** The fixture script's loss; see its docstring. */
    static Tensor loss(Params p) {
        Tensor z = X.matmul(p.get("weight").transpose()).add(p.get("bias"));
        Tensor scale = p.get("scale");
        Tensor data = scale.mul(Y).mul(z).neg().exp().log1p().mean();
        Tensor prior = scale.square().sub(1).square().mul(0.1);
        Tensor kernel = C.mul(p.get("kernel").square()).sum().mul(0.5);
        return data.add(prior).add(kernel);
    }

    static Params paramsAt(Map<String, double[]> values) {
        ImmutableMap.Builder<String, Tensor> params = ImmutableMap.builder();
        SHAPES.forEach((path, shape) -> params.put(path,
                Tensor.of(values.get(path), shape.toArray())));
        return Params.copyOf(params.buildOrThrow());
    }

    /** Runs {@code optimizer} from the fixture's initial parameters; the parameters per step. */
    static <S> ImmutableList<Params> run(GradientTransformation<S> optimizer, Params initial) {
        ImmutableList.Builder<Params> trajectory = ImmutableList.builder();
        Params params = initial;
        S state = optimizer.init(params);
        trajectory.add(params);
        for (int step = 0; step < STEPS; step++) {
            Params grads = Autodiff.grad(OptimizerFixturesTest::loss, params);
            Update<S> update = optimizer.update(grads, state, params);
            params = params.plus(update.updates());
            state = update.state();
            trajectory.add(params);
        }
        return trajectory.build();
    }

    @Test
    void everyFixtureCaseHasAnOptimizerAndEveryOptimizerAFixture() {
        assertEquals(FIXTURES.keySet(), CASES.keySet());
        FIXTURES.forEach((name, steps) -> assertEquals(STEPS + 1, steps.size(), name));
    }

    @TestFactory
    Stream<DynamicTest> everyOptimizerMatchesItsReferenceTrajectoryToOneInATrillion() {
        return CASES.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(),
                () -> assertMatches(entry.getKey(), entry.getValue().get())));
    }

    @Test
    void theProblemsGradientsAreNotTrivial() {
        // Guards the fixture problem itself: every tensor gets a gradient, and it changes with the
        // parameters (so trajectories test the optimisers, not a constant gradient).
        Params initial = paramsAt(FIXTURES.get("sgd").get(0));
        Params first = Autodiff.grad(OptimizerFixturesTest::loss, initial);
        Params later = Autodiff.grad(OptimizerFixturesTest::loss,
                paramsAt(FIXTURES.get("sgd").get(STEPS)));
        for (String path : SHAPES.keySet()) {
            assertTrue(first.get(path).abs().sum().item() > 1e-3, path);
            assertTrue(!first.get(path).allClose(later.get(path), 1e-3, 1e-6), path);
        }
    }

    private static void assertMatches(String name, GradientTransformation<?> optimizer) {
        ImmutableList<ImmutableMap<String, double[]>> want = FIXTURES.get(name);
        ImmutableList<Params> got = run(optimizer, paramsAt(want.get(0)));
        for (int step = 0; step <= STEPS; step++) {
            for (String path : SHAPES.keySet()) {
                double[] expected = want.get(step).get(path);
                double[] actual = got.get(step).get(path).toArray();
                assertEquals(expected.length, actual.length, path);
                for (int i = 0; i < expected.length; i++) {
                    double error = Math.abs(actual[i] - expected[i]);
                    if (!(error <= 1e-12 + 1e-12 * Math.abs(expected[i]))) {
                        fail(String.format("%s: step %d, %s[%d]: got %s, PyTorch %s (error %.3g)",
                                name, step, path, i, actual[i], expected[i], error));
                    }
                }
            }
        }
    }
}
