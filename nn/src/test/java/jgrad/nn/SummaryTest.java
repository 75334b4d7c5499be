package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private static Sequential model() {
        SplittableRandom rng = new SplittableRandom(0);
        return Sequential.of(Linear.init(rng, 4, 16), BatchNorm1d.init(16), Activation.RELU,
                Residual.of(Sequential.of(Linear.init(rng, 16, 16), Activation.TANH)),
                new Dropout(0.1), Linear.init(rng, 16, 3));
    }

    @Test
    void summaryListsEveryLayerWithItsOutputShapeAndParameterCount() {
        Summary summary = Summary.of(model(), 8, 4);
        // 4·16 + 16 = 80; 2·16 = 32 (and 32 running statistics); 16·16 + 16 = 272; 16·3 + 3 = 51.
        assertEquals(435, summary.totalParams());
        assertEquals(32, summary.totalState());
        assertEquals(10, summary.rows().size());
        Summary.Row block = summary.rows().get(3);
        assertEquals(new Summary.Row(0, "3", "Residual", Shape.of(8, 16), 272, 0),
                block);
        assertEquals("3.body.0", summary.rows().get(5).path());
        assertEquals(2, summary.rows().get(5).depth());
        String expected = String.join("\n",
                "Layer (path)                                         Output shape          Params",
                "=".repeat(81),
                "input                                                [8, 4]",
                "Linear[in=4, out=16, dtype=float64] (0)              [8, 16]                   80",
                "BatchNorm1d(16, eps=1.0E-5, momentum=0.1) (1)        [8, 16]                   32",
                "ReLU (2)                                             [8, 16]                    0",
                "Residual (3)                                         [8, 16]                  272",
                "  Sequential (3.body)                                [8, 16]                  272",
                "    Linear[in=16, out=16, dtype=float64] (3.body.0)  [8, 16]                  272",
                "    Tanh (3.body.1)                                  [8, 16]                    0",
                "  Identity() (3.shortcut)                            [8, 16]                    0",
                "Dropout(p=0.1) (4)                                   [8, 16]                    0",
                "Linear[in=16, out=3, dtype=float64] (5)              [8, 3]                    51",
                "=".repeat(81),
                "Total params: 435",
                "Non-trainable state (running statistics): 32");
        assertEquals(expected, summary.toString());
    }

    @Test
    void summaryOfASingleLayerAndOfIntegerInputs() {
        Summary linear = Summary.of(Linear.init(new SplittableRandom(0), 300, 400), 1, 300);
        assertEquals(1, linear.rows().size());
        assertEquals("", linear.rows().get(0).path());
        assertEquals(120_400, linear.totalParams());
        assertEquals("Total params: 120,400", linear.toString().lines()
                .reduce((a, b) -> b).orElseThrow());
        Sequential embedded = Sequential.of(Embedding.init(new SplittableRandom(0), 10, 3),
                new Flatten());
        Summary summary = Summary.of(embedded, Tensor.zeros(
                Shape.of(2, 5), DType.INT64));
        assertEquals("[2, 15]", summary.rows().get(1).outputShape().toString());
        assertEquals(30, summary.totalParams());
    }

    @Test
    void aDescriptionLongerThanItsColumnGetsALineOfItsOwn() {
        Unflatten wide = Unflatten.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                2);
        String[] lines = Summary.of(Sequential.of(wide), 3, 2).toString().split("\n");
        assertEquals(wide + " (0)", lines[3]);
        assertEquals(" ".repeat(74) + "[3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,"
                + " 1, 2]" + " ".repeat(13) + "0", lines[4]);
    }

    @Test
    void summaryOfAShapeThatDoesNotFitFailsWithTheLayersMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Summary.of(model(), 8, 5));
        assertEquals("linear: x [batch, 4] expected for weight [16, 4], got shape [8, 5]",
                e.getMessage());
    }
}
