package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import org.junit.jupiter.api.Test;

/**
 * Custom operations: the user's vjp is used instead of differentiating the forward computation,
 * grad of grad goes through a vjp written in tensor operations, and the forward pass records
 * nothing.
 */
@PropertyDefaults(tries = 100, edgeCases = EdgeCasesMode.NONE)
class CustomOpTest {

    /** log(1 + e^x) without overflow, with its derivative sigmoid(x) declared by hand. */
    static final CustomOp SOFTPLUS = CustomOp.unary("stableSoftplus",
            x -> x.relu().add(x.abs().neg().exp().log1p()),
            (g, x, y) -> g.mul(x.sigmoid()));

    @Test
    void theDeclaredVjpIsUsedAndIsStableWhereTheNaiveFormOverflows() {
        Tensor x = Tensor.of(-1000, 0, 1000);
        assertArrayEquals(new double[] {0, Math.log(2), 1000}, SOFTPLUS.apply(x).toArray(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 1},
                Autodiff.grad(t -> SOFTPLUS.apply(t).sum(), x).toArray(), 0.0);
    }

    @Test
    void aDeliberatelyWrongVjpIsWhatBackwardReturns() {
        // Proves the user's rule, not a trace of forward, differentiates the op.
        CustomOp twice = CustomOp.unary("wrongSquare", Tensor::square, (g, x, y) -> g.mul(x));
        assertEquals(3.0, Autodiff.grad(t -> twice.apply(t), Tensor.scalar(3)).item());
    }

    @Test
    void forwardRecordsNothingAndSeesPlainValues() {
        AtomicInteger traced = new AtomicInteger();
        CustomOp probe = CustomOp.unary("probe", x -> {
            if (x.isTraced()) {
                traced.incrementAndGet();
            }
            Tensor y = x.tanh();
            assertFalse(y.isTraced());
            return y;
        }, (g, x, y) -> g.mul(y.square().neg().add(1)));
        Autodiff.grad(t -> probe.apply(t).sum(), Tensor.of(0.1, 0.2));
        assertEquals(0, traced.get());
    }

    @Test
    void opsOfSeveralInputsGetOneCotangentEach() {
        CustomOp hypot = CustomOp.of("hypot", 2,
                in -> in.get(0).square().add(in.get(1).square()).sqrt(),
                (g, in, y) -> List.of(g.mul(in.get(0)).div(y), g.mul(in.get(1)).div(y)));
        Params grads = Autodiff.grad(p -> hypot.apply(p.get("a"), p.get("b")),
                Params.of("a", Tensor.scalar(3), "b", Tensor.scalar(4)));
        assertEquals(0.6, grads.get("a").item(), 1e-15);
        assertEquals(0.8, grads.get("b").item(), 1e-15);
    }

    @Property
    @Covers(CustomOp.class)
    void customOpVjpMatchesCentralDifference(@ForAll("values") double value) {
        GradCheck.assertVjpMatches(t -> SOFTPLUS.apply(t.mul(t)).mul(t),
                Tensor.of(value, -value / 2), Tolerance.FLOAT64);
    }

    @Property
    @Covers(CustomOp.class)
    void gradOfGradGoesThroughAVjpWrittenInTensorOperations(
            @ForAll("values") double value) {
        // softplus'' = sigmoid(x) (1 - sigmoid(x))
        Tensor x = Tensor.scalar(value);
        double s = 1 / (1 + Math.exp(-value));
        Tensor second = Autodiff.grad(
                t -> Autodiff.grad(u -> SOFTPLUS.apply(u), t), x);
        assertEquals(s * (1 - s), second.item(), 1e-12);
        GradCheck.assertVjpMatches(t -> SOFTPLUS.apply(t), x, Tolerance.FLOAT64);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Double> values() {
        return net.jqwik.api.Arbitraries.doubles().between(-5, 5);
    }

    @Test
    void theTapeStyleAndNamesWork() {
        Tensor w = Tensor.of(0.0, 1.0).requiresGrad();
        Tensor y = SOFTPLUS.apply(w);
        assertTrue(y.toString().contains("op=stableSoftplus"), y.toString());
        assertArrayEquals(new double[] {0.5, 1 / (1 + Math.exp(-1))},
                y.sum().backward().get(w).toArray(), 1e-15);
    }

    @Test
    void badRulesAreReportedNamingTheOp() {
        CustomOp wrongCount = CustomOp.of("pair", 1, in -> in.get(0),
                (g, in, y) -> List.of(g, g));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Autodiff.grad(t -> wrongCount.apply(t).sum(), Tensor.of(1, 2)));
        assertTrue(e.getMessage().contains("pair: vjp returned 2 cotangents for 1 inputs"),
                e.getMessage());
        CustomOp wrongShape = CustomOp.unary("badShape", x -> x, (g, x, y) -> g.sum());
        IllegalStateException shape = assertThrows(IllegalStateException.class,
                () -> Autodiff.grad(t -> wrongShape.apply(t).sum(), Tensor.of(1, 2)));
        assertTrue(shape.getMessage().startsWith("badShape: vjp returned a cotangent of [] float64 for"
                + " input 0 of [2] float64"), shape.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CustomOp.of("none", 2, in -> in.get(0), (g, in, y) -> List.of(g, g))
                        .apply(Tensor.of(1)));
    }

    @Test
    void noGradBuildsNoGraph() {
        Tensor grad = Autodiff.grad(t -> {
            Tensor constant = Autodiff.noGrad(() -> t.mul(t));
            assertFalse(constant.isTraced());
            return t.mul(constant).sum();
        }, Tensor.of(2, 3));
        assertArrayEquals(new double[] {4, 9}, grad.toArray());
    }

    @Test
    void oneCallChecksTheVjpTheJvpAndTheSecondOrder() {
        List<jgrad.check.GradCheckReport> reports =
                GradCheck.checkOp(SOFTPLUS, Tolerance.FLOAT64, Tensor.of(-2, 0.5, 3));
        assertEquals(2, reports.size()); // no jvp declared: vjp and second order
        assertTrue(reports.stream().allMatch(jgrad.check.GradCheckReport::passed),
                reports.toString());

        CustomOp wrongVjp = CustomOp.unary("halfSlope", Tensor::square, (g, x, y) -> g.mul(x));
        assertFalse(GradCheck.checkOp(wrongVjp, Tolerance.FLOAT64, Tensor.of(1.5)).get(0)
                .passed());

        CustomOp withJvp = new CustomOp() {
            @Override public String name() { return "cube"; }
            @Override public Tensor forward(List<Tensor> in) { return in.get(0).pow(3); }
            @Override public com.google.common.collect.ImmutableList<Tensor> vjp(Tensor g,
                    List<Tensor> in, Tensor y) {
                return com.google.common.collect.ImmutableList.of(
                        g.mul(in.get(0).square()).mul(3));
            }
            @Override public Tensor jvp(List<Tensor> in, List<Tensor> t, Tensor y) {
                return t.get(0).mul(in.get(0).square()).mul(2); // wrong: 2x^2, not 3x^2
            }
        };
        List<jgrad.check.GradCheckReport> cube =
                GradCheck.checkOp(withJvp, Tolerance.FLOAT64, Tensor.of(0.5, -1.25));
        assertEquals(3, cube.size());
        assertTrue(cube.get(0).passed(), cube.get(0).toString());
        assertFalse(cube.get(1).passed(), "the wrong jvp must fail: " + cube.get(1));
        assertTrue(cube.get(2).passed(), cube.get(2).toString());
    }

    @Test
    void aDeclaredDomainKeepsTheCheckInside() {
        CustomOp log = CustomOp.unary("myLog", Tensor::log, (g, x, y) -> g.div(x))
                .withDomain(Domain.greaterThan(0));
        assertEquals(Domain.greaterThan(0), log.domain());
        List<jgrad.check.GradCheckReport> reports =
                GradCheck.checkOp(log, Tolerance.FLOAT64, Tensor.of(1e-7, 2));
        assertTrue(reports.get(0).passed(), reports.get(0).toString());
        assertEquals(Domain.REALS.withKinks(0), new Relu().domain());
    }

    @Test
    void forwardModeUsesADeclaredJvp() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        CustomOp cube = new CustomOp() {
            @Override public String name() { return "cube"; }
            @Override public Tensor forward(List<Tensor> in) { return in.get(0).pow(3); }
            @Override public com.google.common.collect.ImmutableList<Tensor> vjp(Tensor g,
                    List<Tensor> in, Tensor y) {
                return com.google.common.collect.ImmutableList.of(
                        g.mul(in.get(0).square()).mul(3));
            }
            @Override public Tensor jvp(List<Tensor> in, List<Tensor> t, Tensor y) {
                calls.incrementAndGet();
                return t.get(0).mul(in.get(0).square()).mul(3);
            }
        };
        // d/dx tanh(cube(x)) * t, with cube's own jvp and tanh's transposed vjp.
        Jvp jvp = Autodiff.jvp(t -> cube.apply(t).tanh(), Tensor.of(0.5, -1), Tensor.of(1, 2));
        assertEquals(1, calls.get());
        double[] expected = new double[2];
        double[] x = {0.5, -1};
        double[] t = {1, 2};
        for (int i = 0; i < 2; i++) {
            double c = Math.tanh(Math.pow(x[i], 3));
            expected[i] = (1 - c * c) * 3 * x[i] * x[i] * t[i];
        }
        assertArrayEquals(expected, jvp.tangent().toArray(), 1e-15);
        // Ops without a declared jvp keep the whole-graph transposition.
        assertArrayEquals(new double[] {1.5, -1}, Autodiff.jvp(
                u -> SOFTPLUS.apply(u).mul(0).add(u.square()), Tensor.of(0.75, -0.25),
                Tensor.of(1, 2)).tangent().toArray(), 1e-15);
    }

    @Test
    void anIntegerResultForTracedInputsIsRefused() {
        CustomOp toInt = CustomOp.unary("toInt", x -> x.cast(DType.INT32), (g, x, y) -> g);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autodiff.grad(t -> toInt.apply(t).cast(DType.FLOAT64).sum(), Tensor.of(1.5)));
        assertTrue(e.getMessage().startsWith("toInt: forward returned a tensor of dtype int32"),
                e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> Autodiff.grad(t -> t.sum().cast(DType.INT32), Tensor.of(1.5)));
        assertTrue(f.getMessage().startsWith("autodiff: f's output has dtype int32"),
                f.getMessage());
    }

    /**
     * A vjp computed on arrays loses its cotangent's graph: a differentiation that flows through
     * the cotangent (forward mode by transposition, a Hessian-vector product) would get 0, so it is
     * refused. A vjp that keeps the cotangent but turns x into a constant cannot be told from a
     * linear op's; GradCheck.checkOp's second-order check catches that one.
     */
    @Test
    void aVjpThatLeavesTensorOperationsIsRefusedWhenItsCotangentIsDifferentiated() {
        CustomOp arrays = CustomOp.unary("onArrays", Tensor::square, (g, x, y) -> {
            double[] gv = g.toArray();
            double[] xv = x.toArray();
            double[] out = new double[gv.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = 2 * xv[i] * gv[i];
            }
            return Tensor.of(out, g.shape(), g.dtype());
        });
        assertArrayEquals(new double[] {2, 4},
                Autodiff.grad(t -> arrays.apply(t).sum(), Tensor.of(1, 2)).toArray(), 0.0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Autodiff.jvp(t -> arrays.apply(t), Tensor.of(1, 2), Tensor.of(1, 1)));
        assertTrue(e.getMessage().startsWith("onArrays: vjp returned a value that does not depend"
                + " on its cotangent"), e.getMessage());
        CustomOp constantX = CustomOp.unary("sqEsc", Tensor::square, (g, x, y) -> g.mul(
                Tensor.of(java.util.Arrays.stream(x.toArray()).map(v -> 2 * v).toArray())));
        assertFalse(GradCheck.checkOp(constantX, Tolerance.FLOAT64, Tensor.of(1, 2)).get(1)
                .passed());
    }
}
