package jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.stream.Stream;
import jgrad.core.Autodiff;
import jgrad.core.DType;
import jgrad.core.Params;
import jgrad.core.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every optimiser of {@link OptimizerFixturesTest} in float32: float32 parameters and gradients
 * give float32 updates at every step, and the trajectory stays within {@code 1e-5 + 1e-5 ·
 * |want|} of the float64 reference over 20 updates (float32 rounds at about 6e-8 relative; the
 * largest difference measured was 1.5e-7, with clipByNorm before Adam).
 */
class Float32OptimizersTest {

    private static final Tensor X32 = OptimizerFixturesTest.X.cast(DType.FLOAT32);
    private static final Tensor Y32 = OptimizerFixturesTest.Y.cast(DType.FLOAT32);
    private static final Tensor C32 = OptimizerFixturesTest.C.cast(DType.FLOAT32);

    /** The fixture loss on float32 data. */
    private static Tensor loss32(Params p) {
        Tensor z = X32.matmul(p.get("weight").transpose()).add(p.get("bias"));
        Tensor scale = p.get("scale");
        Tensor data = scale.mul(Y32).mul(z).neg().exp().log1p().mean();
        Tensor prior = scale.square().sub(1).square().mul(0.1);
        Tensor kernel = C32.mul(p.get("kernel").square()).sum().mul(0.5);
        return data.add(prior).add(kernel);
    }

    @TestFactory
    Stream<DynamicTest> everyOptimizerKeepsFloat32AndFollowsTheFloat64Trajectory() {
        return OptimizerFixturesTest.CASES.entrySet().stream().map(entry -> DynamicTest
                .dynamicTest(entry.getKey(), () -> check(entry.getKey(),
                        entry.getValue().get())));
    }

    private static <S> void check(String name, GradientTransformation<S> optimizer) {
        ImmutableList<ImmutableMap<String, double[]>> want =
                OptimizerFixturesTest.FIXTURES.get(name);
        Params params = OptimizerFixturesTest.paramsAt(want.get(0)).map(t -> t.cast(DType.FLOAT32));
        S state = optimizer.init(params);
        for (int step = 1; step <= OptimizerFixturesTest.STEPS; step++) {
            Params grads = Autodiff.grad(Float32OptimizersTest::loss32, params);
            Update<S> update = optimizer.update(grads, state, params);
            for (Tensor u : update.updates().asMap().values()) {
                assertEquals(DType.FLOAT32, u.dtype(), name + " step " + step);
            }
            params = params.plus(update.updates());
            state = update.state();
            for (String path : OptimizerFixturesTest.SHAPES.keySet()) {
                double[] got = params.get(path).toArray();
                double[] reference = want.get(step).get(path);
                for (int i = 0; i < got.length; i++) {
                    assertTrue(Math.abs(got[i] - reference[i])
                                    <= 1e-5 + 1e-5 * Math.abs(reference[i]),
                            String.format("%s step %d %s[%d]: float32 %s, float64 %s", name, step,
                                    path, i, got[i], reference[i]));
                }
            }
        }
    }
}
