package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** The tutorial's preprocessing examples, inverse transforms, ranges and axes. */
class PreprocessingTest {

    /** The tutorial's pixel values [255, 128, 45, 0] as one feature column. */
    private static final Tensor PIXELS = Tensor.of(new double[] {255, 128, 45, 0}, 4, 1);
    private static final Tensor ROWS = Tensor.of(new double[][] {{1, 2, 3}, {6, 7, 8}});

    @Test
    void tutorialOneHotOfFiveThreeSevenFour() {
        Tensor encoded = OneHot.encode(ImmutableIntArray.of(5, 3, 7, 4), 10);
        assertEquals(Shape.of(4, 10), encoded.shape());
        double[] expected = new double[40];
        expected[5] = 1;
        expected[10 + 3] = 1;
        expected[20 + 7] = 1;
        expected[30 + 4] = 1;
        assertArrayEquals(expected, encoded.toArray(), 0.0);
        assertEquals(ImmutableIntArray.of(5, 3, 7, 4), OneHot.decode(encoded));
    }

    @Test
    void tutorialMinMaxIsExact() {
        MinMax scaler = MinMax.fit(PIXELS);
        assertArrayEquals(new double[] {1.0, 0.5019607843137255, 0.17647058823529413, 0.0},
                scaler.apply(PIXELS).toArray(), 0.0);
        assertArrayEquals(PIXELS.toArray(), scaler.inverse(scaler.apply(PIXELS)).toArray(), 0.0);
    }

    @Test
    void tutorialZScoreMatchesItsPrintedValues() {
        // mean 107, population std sqrt(37638 / 4) = 97.00257728...; printed to 8 decimals.
        ZScore scaler = ZScore.fit(PIXELS);
        assertEquals(107, scaler.mean().item(), 0.0);
        assertArrayEquals(new double[] {1.52573266, 0.21648909, -0.63915828, -1.10306348},
                scaler.apply(PIXELS).toArray(), 5e-9);
        assertArrayEquals(PIXELS.toArray(), scaler.inverse(scaler.apply(PIXELS)).toArray(), 1e-12);
    }

    @Test
    void tutorialZScoreAlongAxisOneStandardisesEachRow() {
        // Each row is x - mean(row) = [-1, 0, 1] over std sqrt(2 / 3):
        // [-1.22474487, 0, 1.22474487].
        double r = Math.sqrt(1.5);
        Tensor z = ZScore.standardize(ROWS, 1, 0);
        assertEquals(Shape.of(2, 3), z.shape());
        assertArrayEquals(new double[] {-r, 0, r, -r, 0, r}, z.toArray(), 1e-15);
        assertArrayEquals(new double[] {-1.22474487, 0, 1.22474487, -1.22474487, 0, 1.22474487},
                z.toArray(), 5e-9);
        ZScore rows = ZScore.fit(ROWS, -1, 0);
        assertEquals(1, rows.axis());
        assertArrayEquals(new double[] {2, 7}, rows.mean().toArray(), 0.0);
        assertArrayEquals(ROWS.toArray(), rows.inverse(z).toArray(), 1e-12);
        // Applied to other data, each row keeps its fitted statistics; the row length may differ.
        assertArrayEquals(new double[] {2 * r, 2 * r, 2 * r, 2 * r},
                rows.apply(Tensor.of(new double[][] {{4, 4}, {9, 9}})).toArray(), 1e-12);
        String shape = assertThrows(IllegalArgumentException.class,
                () -> rows.apply(Tensor.zeros(3, 3))).getMessage();
        assertTrue(shape.contains("[2]") && shape.contains("axis 1") && shape.contains("[3, 3]"),
                shape);
        assertTrue(ZScore.fit(ROWS, 1, 0).toString().contains("axis=1"));
    }

    @Test
    void zScoreAlongAxisZeroOfAMatrixIsThePerColumnFit() {
        ZScore columns = ZScore.fit(ROWS, 0, 1);
        ZScore perColumn = ZScore.fit(ROWS, 1);
        assertTrue(columns.mean().allClose(perColumn.mean(), 0, 0));
        assertTrue(columns.std().allClose(perColumn.std(), 0, 0));
        assertTrue(columns.apply(ROWS).allClose(perColumn.apply(ROWS), 0, 0));
        // A 3-D tensor standardised along its middle axis: statistics of shape [2, 2].
        Tensor cube = Tensor.arange(12).reshape(2, 3, 2);
        ZScore middle = ZScore.fit(cube, 1, 0);
        assertEquals(Shape.of(2, 2), middle.mean().shape());
        Tensor z = middle.apply(cube);
        assertTrue(z.mean(1, false).allClose(Tensor.zeros(2, 2), 0, 1e-12));
        assertTrue(middle.inverse(z).allClose(cube, 0, 1e-12));
    }

    @Test
    void n15ZScoreFittedOnOneSampleWithDdofOneRefusesNamingNAndDdof() {
        // N15 data utility: var([5]) with ddof 1 is 0/0; standardising with a NaN std is refused.
        Tensor one = Tensor.of(new double[] {5}, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZScore.fit(one, 1));
        assertTrue(e.getMessage().contains("n = 1") && e.getMessage().contains("ddof = 1"),
                e.getMessage());
        IllegalArgumentException along = assertThrows(IllegalArgumentException.class,
                () -> ZScore.fit(Tensor.of(new double[][] {{5}, {6}}), 1, 1));
        assertTrue(along.getMessage().contains("n = 1") && along.getMessage().contains("ddof = 1"),
                along.getMessage());
        // With ddof 0 the std is 0 and C16's constant-column rule gives 0.
        ZScore population = ZScore.fit(one, 0);
        assertEquals(0.0, population.std().item(), 0.0);
        assertArrayEquals(new double[] {0}, population.apply(one).toArray(), 0.0);
        assertArrayEquals(new double[] {5}, population.inverse(Tensor.zeros(1, 1)).toArray(), 0.0);
    }

    @Test
    void minMaxOntoAChosenRangeAndBack() {
        Tensor x = Tensor.of(new double[][] {{5, 1, -2}, {5, 2, 0}, {5, 3, 6}});
        MinMax scaler = MinMax.fit(x, -1, 1);
        // Column 1: [1, 2, 3] -> [-1, 0, 1]; column 2: [-2, 0, 6] -> [-1, -0.5, 1]; the
        // constant column maps to low.
        assertArrayEquals(new double[] {-1, -1, -1, -1, 0, -0.5, -1, 1, 1},
                scaler.apply(x).toArray(), 1e-15);
        assertArrayEquals(x.toArray(), scaler.inverse(scaler.apply(x)).toArray(), 1e-12);
        assertTrue(scaler.toString().contains("range=[-1.0, 1.0]"), scaler.toString());
        String range = assertThrows(IllegalArgumentException.class,
                () -> MinMax.fit(x, 1, 1)).getMessage();
        assertTrue(range.contains("low < high") && range.contains("[1.0, 1.0]"), range);
        assertThrows(IllegalArgumentException.class, () -> MinMax.fit(x, 0, Double.NaN));
        String width = assertThrows(IllegalArgumentException.class,
                () -> scaler.inverse(Tensor.zeros(2, 2))).getMessage();
        assertTrue(width.contains("minMax inverse") && width.contains("[2, 2]"), width);
    }

    @Test
    void inverseTransformsKeepTheDtypeAndRefuseAnother() {
        Tensor x = PIXELS.cast(DType.FLOAT32);
        ZScore z = ZScore.fit(x);
        assertEquals(DType.FLOAT32, z.inverse(z.apply(x)).dtype());
        assertThrows(IllegalArgumentException.class, () -> z.inverse(PIXELS));
        MinMax m = MinMax.fit(x);
        assertEquals(DType.FLOAT32, m.inverse(m.apply(x)).dtype());
        assertThrows(IllegalArgumentException.class, () -> m.inverse(PIXELS));
    }

    @Test
    void zScoreConstructorChecksItsAxis() {
        assertThrows(IllegalArgumentException.class,
                () -> new ZScore(Tensor.zeros(2), Tensor.ones(2), 2));
        assertThrows(IllegalArgumentException.class,
                () -> new ZScore(Tensor.zeros(2, 2), Tensor.ones(2, 2)));
        assertEquals(1, new ZScore(Tensor.zeros(2), Tensor.ones(2), 1).axis());
        assertThrows(IllegalArgumentException.class, () -> ZScore.fit(Tensor.scalar(1), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ZScore.fit(ROWS, 2, 0));
    }
}
