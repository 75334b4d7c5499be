package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The higher-order API: gradients with respect to several arguments, auxiliary outputs,
 * Jacobians by both modes, Hessians and Hessian-vector products, jvp of Params, anomaly
 * detection, graph printing and the creation functions. Expected values are derived by hand in
 * the comments.
 */
class AutodiffApiTest {

    @Test
    void gradWithRespectToSeveralArgumentsGivesOneGradientEach() {
        Tensor a = Tensor.of(1, 2);
        Tensor b = Tensor.of(3, 5);
        // d/da sum(a * b^2) = b^2; d/db = 2ab
        List<Tensor> grads = Autodiff.grad(xs -> xs.get(0).mul(xs.get(1).square()).sum(),
                List.of(a, b));
        assertArrayEquals(new double[] {9, 25}, grads.get(0).toArray());
        assertArrayEquals(new double[] {6, 20}, grads.get(1).toArray());
        List<Tensor> pair = Autodiff.grad((x, y) -> x.mul(y).sum(), a, b);
        assertArrayEquals(b.toArray(), pair.get(0).toArray());
        assertArrayEquals(a.toArray(), pair.get(1).toArray());
    }

    @Test
    void auxiliaryOutputsComeBackWithoutAGraph() {
        ValueGradAux<Tensor, Tensor> result = Autodiff.valueAndGradWithAux(
                x -> new WithAux<>(x.square().sum(), x.tanh()), Tensor.of(0.5, -1));
        assertEquals(1.25, result.value().item());
        assertArrayEquals(new double[] {1, -2}, result.grad().toArray());
        assertArrayEquals(new double[] {Math.tanh(0.5), Math.tanh(-1)}, result.aux().toArray());
        assertFalse(result.aux().isTraced());
        ValueGradAux<Params, String> named = Autodiff.valueAndGradWithAux(
                p -> new WithAux<>(p.get("w").sum(), "seen"), Params.of("w", Tensor.of(1, 2)));
        assertEquals("seen", named.aux());
        assertArrayEquals(new double[] {1, 1}, named.grad().get("w").toArray());
    }

    @Test
    void jacobiansAgreeInBothModesAndHaveOutputThenInputAxes() {
        // f(x) = [x0 * x1, sin-free: x0^2, 3 x1] : [2] -> [3]; J = [[x1, x0], [2 x0, 0], [0, 3]]
        Tensor x = Tensor.of(2, 5);
        java.util.function.Function<Tensor, Tensor> f = t -> {
            Tensor x0 = t.slice(0, 0, 1, 1);
            Tensor x1 = t.slice(0, 1, 2, 1);
            return Creation.stack(List.of(x0.mul(x1).reshape(), x0.square().reshape(),
                    x1.mul(3).reshape()), Shape.of(3), Shape.scalar(), DType.FLOAT64);
        };
        double[] expected = {5, 2, 4, 0, 0, 3};
        Tensor reverse = Autodiff.jacobian(f, x);
        Tensor forward = Autodiff.jacobianForward(f, x);
        assertEquals(Shape.of(3, 2), reverse.shape());
        assertEquals(Shape.of(3, 2), forward.shape());
        assertArrayEquals(expected, reverse.toArray());
        assertArrayEquals(expected, forward.toArray());
        // Shapes [2, 2] -> [2, 2] give a [2, 2, 2, 2] Jacobian: tanh is elementwise, so it is
        // diagonal with 1 - tanh^2 on the diagonal.
        Tensor m = Tensor.of(new double[][] {{0.1, 0.2}, {0.3, 0.4}});
        Tensor jm = Autodiff.jacobian(Tensor::tanh, m);
        assertEquals(Shape.of(2, 2, 2, 2), jm.shape());
        assertEquals(1 - Math.pow(Math.tanh(0.3), 2), jm.get(1, 0, 1, 0), 1e-15);
        assertEquals(0.0, jm.get(1, 0, 0, 1));
        assertTrue(Autodiff.jacobianForward(Tensor::tanh, m).allClose(jm, 1e-15, 0));
    }

    @Test
    void hessianAndHessianVectorProductsOfAQuadratic() {
        // f(x) = x0^2 x1 + x1^3: H = [[2 x1, 2 x0], [2 x0, 6 x1]] at (1, 2) = [[4, 2], [2, 12]]
        java.util.function.Function<Tensor, Tensor> f = t -> {
            Tensor x0 = t.slice(0, 0, 1, 1).sum();
            Tensor x1 = t.slice(0, 1, 2, 1).sum();
            return x0.square().mul(x1).add(x1.pow(3));
        };
        Tensor x = Tensor.of(1, 2);
        assertArrayEquals(new double[] {4, 2, 2, 12}, Autodiff.hessian(f, x).toArray(), 1e-12);
        assertArrayEquals(new double[] {4 - 2, 2 - 12},
                Autodiff.hvp(f, x, Tensor.of(1, -1)).toArray(), 1e-12);
    }

    @Test
    void jvpOfParamsSumsOverThePaths() {
        // f = sum(w * x) + b^2 at w = [1, 2], b = 3, x = [4, 5]; tangents w' = [1, 0], b' = 2:
        // J t = x . w' + 2 b b' = 4 + 12 = 16
        Tensor x = Tensor.of(4, 5);
        Params params = Params.of("w", Tensor.of(1, 2), "b", Tensor.scalar(3));
        Params tangents = Params.of("w", Tensor.of(1, 0), "b", Tensor.scalar(2));
        Jvp jvp = Autodiff.jvp(p -> p.get("w").mul(x).sum().add(p.get("b").square()),
                params, tangents);
        assertEquals(23.0, jvp.output().item());
        assertEquals(16.0, jvp.tangent().item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Autodiff.jvp(p -> p.get("b"), params,
                Params.of("w", Tensor.of(1, 0), "b", Tensor.of(2, 2))));
    }

    @Test
    void anomalyDetectionNamesTheForwardOperationAndWhereItWasMade() {
        AnomalyException e = assertThrows(AnomalyException.class, () -> Autodiff.detectAnomaly(
                () -> Autodiff.grad(t -> t.log().sum(), Tensor.of(1, 0))));
        assertTrue(e.getMessage().startsWith("anomaly: log produced an infinity from finite"
                + " inputs, at AutodiffApiTest.java:"), e.getMessage());
        assertTrue(e.getMessage().contains("inputs: [2] float64 in [0.0, 1.0]"), e.getMessage());
        // Propagated values do not count: only the op that first made them.
        Tensor nan = Tensor.of(Double.NaN);
        assertEquals(Double.NaN, Autodiff.detectAnomaly(() -> nan.mul(2)).item());
        // Off outside the scope.
        assertEquals(Double.NEGATIVE_INFINITY, Tensor.scalar(0).log().item());
    }

    @Test
    void anomalyDetectionNamesTheOperationWhoseBackwardProducedIt() {
        // sqrt(0) is finite, its derivative 1 / (2 sqrt 0) is not.
        AnomalyException e = assertThrows(AnomalyException.class, () -> Autodiff.detectAnomaly(
                () -> Autodiff.grad(t -> t.sqrt().sum(), Tensor.of(4, 0))));
        assertTrue(e.getMessage().startsWith("anomaly: the backward pass of sqrt produced an"
                + " infinity for its input 0 from finite values; it was created at"
                + " AutodiffApiTest.java:"), e.getMessage());
    }

    @Test
    void graphsPrintAsTextAndDot() {
        Tensor w = Tensor.of(1, 2).requiresGrad();
        Graph graph = Graph.of(w.mul(w).mul(3).sum());
        assertEquals("%0 = leaf [2] float64\n"
                + "%1 = mul(%0, %0) [2] float64\n"
                + "%2 = mul(%1, const) [2] float64\n"
                + "%3 = reduceSum[axes=[0]](%2) [] float64", graph.toString());
        assertTrue(graph.toDot().contains("n1 -> n2;"), graph.toDot());
        assertTrue(graph.toDot().startsWith("digraph jgrad {"));
        assertThrows(IllegalArgumentException.class, () -> Graph.of(Tensor.of(1)));
    }

    @Test
    void creationFunctionsTakeDtypes() {
        assertArrayEquals(new double[] {1, 0, 0, 1}, Tensor.eye(2).toArray());
        assertEquals(DType.FLOAT32, Tensor.eye(3, DType.FLOAT32).dtype());
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, Tensor.linspace(0, 1, 5).toArray());
        assertEquals(0.3, Tensor.linspace(0.1, 0.3, 3).get(2)); // the endpoint is exact
        assertArrayEquals(new int[] {0, 2, 4}, Tensor.arange(0, 5, 2, DType.INT32).toIntArray());
        TensorTest.assertRejected(() -> Tensor.arange(0, 1, 0.5, DType.INT32),
                "0.5 is not a whole number that int32 holds");
        Tensor mask = Tensor.bernoulli(Shape.of(10_000), 0.3, DType.FLOAT32,
                new SplittableRandom(1));
        assertEquals(0.3, mask.mean().item(), 0.02);
        assertEquals(DType.FLOAT32, Tensor.randn(Shape.of(3), DType.FLOAT32,
                new SplittableRandom(2)).dtype());
        Tensor like = Tensor.of(1, 2).cast(DType.FLOAT32).uniformLike(0, 1,
                new SplittableRandom(3));
        assertEquals(DType.FLOAT32, like.dtype());
        assertArrayEquals(new double[] {7, 7}, Tensor.of(1, 2).fullLike(7).toArray());
        assertEquals(Shape.of(2, 3), Tensor.zeros(Shape.of(2, 3), DType.INT64).shape());
    }

    @Test
    void paramsConcatKeepsTheOrderItIsGiven() {
        Params a = Params.of("w", Tensor.zeros(1));
        Params b = Params.of("w", Tensor.ones(1));
        Params joined = Params.concat(List.of(Map.entry("z", a), Map.entry("a", b)));
        assertEquals(List.of("z.w", "a.w"), joined.paths().asList());
    }

    @Test
    void paramsCastConvertsEveryTensor() {
        Params params = Params.of("w", Tensor.of(0.1, 0.2), "b", Tensor.scalar(1));
        Params single = params.cast(DType.FLOAT32);
        assertEquals(DType.FLOAT32, single.get("w").dtype());
        assertEquals((double) 0.1f, single.get("w").get(0));
        assertEquals(List.of("w", "b"), single.paths().asList());
    }
}
