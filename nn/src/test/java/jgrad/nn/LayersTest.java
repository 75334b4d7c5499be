package jgrad.nn;

import static jgrad.nn.LayerFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import jgrad.core.Autodiff;
import jgrad.core.DType;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** Shapes, errors, initialisation and printing of the layers without a case of their own. */
class LayersTest {

    @Test
    void flattenMergesEveryAxisAfterTheBatchAxisInRowMajorOrder() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 2, 2);
        Tensor flat = new Flatten().apply(x);
        assertEquals("[2, 12]", flat.shape().toString());
        assertClose(Tensor.arange(24).reshape(2, 12), flat, "values", 0, 0);
        assertEquals("[2, 6, 2]", new Flatten(1, 2).apply(x).shape().toString());
        assertEquals("[24]", new Flatten(0, -1).apply(x).shape().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Flatten(2, 1).apply(x));
        assertEquals("flatten: axes 2..1 do not fit input shape [2, 3, 2, 2]", e.getMessage());
        assertClose(x, Unflatten.of(1, 3, 2, 2).apply(flat), "unflatten inverts flatten", 0, 0);
        e = assertThrows(IllegalArgumentException.class, () -> Unflatten.of(1, 2, 2).apply(flat));
        assertEquals("unflatten: axis 1 of input shape [2, 12] has length 12, not the product 4"
                + " of sizes [2, 2]", e.getMessage());
        assertEquals("Unflatten(dim=1, unflattened_size=[1, 8, 8])",
                Unflatten.of(1, 1, 8, 8).toString());
    }

    @Test
    void embeddingLooksUpRowsForIntegerIndicesOfAnyShape() {
        Tensor table = Tensor.of(new double[][] {{0, 1}, {10, 11}, {20, 21}});
        Embedding embedding = new Embedding(table);
        Tensor out = embedding.apply(Tensor.ofInts(new int[] {2, 0, 2, 1}, 2, 2));
        assertEquals("[2, 2, 2]", out.shape().toString());
        assertClose(Tensor.of(new double[] {20, 21, 0, 1, 20, 21, 10, 11}, 2, 2, 2), out,
                "rows", 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> embedding.apply(Tensor.ofLongs(0, 3)));
        assertEquals("embedding: index 3 at position 1 is outside the valid range 0..2",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> embedding.apply(Tensor.ofLongs(-1L << 40)));
        assertTrue(e.getMessage().startsWith("embedding: index -1099511627776"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> embedding.apply(Tensor.of(1.0)));
        assertEquals("embedding: indices must be int32 or int64, got float64; cast them"
                + " explicitly", e.getMessage());
        // float32 table: float32 rows.
        assertEquals(DType.FLOAT32, new Embedding(table.cast(DType.FLOAT32))
                .apply(Tensor.ofInts(1)).dtype());
    }

    @Test
    void embeddingInitDrawsFromTheStandardNormal() {
        Tensor weight = Embedding.init(new SplittableRandom(0), 200, 50).weight();
        double mean = weight.mean().item();
        double std = Math.sqrt(weight.sub(mean).square().mean().item());
        assertTrue(Math.abs(mean) < 0.01 && Math.abs(std - 1) < 0.01, mean + " " + std);
    }

    @Test
    void linearInitDrawsWeightAndBiasWithinOneOverSquareRootOfFanIn() {
        // PyTorch: kaiming_uniform_(a = sqrt(5)) gives bound sqrt(6 / ((1 + 5) fanIn)).
        Linear layer = Linear.init(new SplittableRandom(0), 16, 300);
        double bound = 1 / Math.sqrt(16);
        for (Tensor t : new Tensor[] {layer.weight(), layer.bias()}) {
            double max = t.abs().max().item();
            assertTrue(max <= bound && max > 0.95 * bound, "max " + max);
        }
        // A uniform on [-b, b] has variance b^2 / 3.
        double variance = layer.weight().square().mean().item();
        assertEquals(bound * bound / 3, variance, 0.05 * bound * bound / 3);
    }

    @Test
    void residualAddsTheShortcutAndRefusesMismatchedShapes() {
        Linear body = new Linear(Tensor.of(new double[][] {{2, 0}, {0, 3}}), Tensor.of(1, 1));
        Tensor x = Tensor.of(new double[][] {{1, 2}});
        // x + (2x1 + 1, 3x2 + 1) = (1 + 3, 2 + 7)
        assertClose(Tensor.of(new double[][] {{4, 9}}), Residual.of(body).apply(x), "identity");
        Linear projection = new Linear(Tensor.of(new double[][] {{1, 1}, {0, 0}}),
                Tensor.zeros(2));
        assertClose(Tensor.of(new double[][] {{6, 7}}), Residual.of(body, projection).apply(x),
                "projection");
        assertEquals("[body.weight, body.bias, shortcut.weight, shortcut.bias]",
                Residual.of(body, projection).params().paths().toString());
        Linear narrowing = new Linear(Tensor.ones(1, 2), Tensor.zeros(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Residual.of(narrowing).apply(x));
        assertEquals("residual: body output [1, 1] and shortcut output [1, 2] differ for input"
                + " [1, 2]; give the shortcut a projection to the body's shape", e.getMessage());
    }

    @Test
    void nestedLayersPrintIndentedAsPyTorchPrintsModules() {
        Sequential model = Sequential.of(new Linear(Tensor.ones(2, 2), Tensor.zeros(2)),
                Residual.of(Sequential.of(BatchNorm1d.init(2), new LeakyRelu())),
                new Dropout(0.25), new Softmax());
        assertEquals("Sequential(\n"
                + "  (0): Linear[in=2, out=2, dtype=float64]\n"
                + "  (1): Residual(\n"
                + "    (body): Sequential(\n"
                + "      (0): BatchNorm1d(2, eps=1.0E-5, momentum=0.1)\n"
                + "      (1): LeakyReLU(negative_slope=0.01)\n"
                + "    )\n"
                + "    (shortcut): Identity()\n"
                + "  )\n"
                + "  (2): Dropout(p=0.25)\n"
                + "  (3): Softmax(dim=-1)\n"
                + ")", model.toString());
    }

    @Test
    void layersWithSettingsRefuseSettingsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new LeakyRelu(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Elu(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(Tensor.ones(2),
                Tensor.zeros(3), 1e-5));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(0.5)
                .apply(Tensor.ones(2, 3), Tensor.ones(2, 2)));
    }

    @Test
    void eluDoesNotOverflowForLargeInputs() {
        // A where over expm1(x) computes expm1(800) = inf in its unselected branch: anomaly
        // detection flags it (and only strong zeros keep 0 · inf out of the gradient). The
        // layer and Tensor.elu must make nothing non-finite.
        Tensor x = Tensor.of(800, -800, 0);
        assertClose(Tensor.of(800, -1, 0), new Elu().apply(x), "values", 0, 0);
        Tensor grad = Autodiff.grad(t -> new Elu().apply(t).sum(), x);
        assertClose(Tensor.of(1, 0, 1), grad, "grad (alpha at 0, as PyTorch)", 0, 0);
        Tensor coreGrad = Autodiff.grad(t -> t.elu(1.0).sum(), x);
        assertClose(Tensor.of(1, 0, 1), coreGrad, "Tensor.elu grad", 0, 0);
        // and nothing non-finite is made on the way, in float32 too
        for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
            Tensor y = x.cast(dtype);
            Tensor g = Autodiff.detectAnomaly(() -> Autodiff.grad(t -> new Elu(0.5).apply(t).sum(),
                    y));
            assertClose(Tensor.of(1, 0, 0.5).cast(dtype), g, "anomaly-free grad " + dtype, 0, 0);
        }
    }
}
