package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class ZScoreTest {

    /** C16's v as one column: [8, 1]. */
    private static final Tensor V = Tensor.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9}, 8, 1);

    @Test
    void populationStdIsTheDefault() {
        // C16, ddof 0: mean 5, sum of squared deviations 32, std = sqrt(32 / 8) = 2.
        ZScore scaler = ZScore.fit(V);
        assertArrayEquals(new double[] {5}, scaler.mean().toArray(), 1e-12);
        assertArrayEquals(new double[] {2}, scaler.std().toArray(), 1e-12);
        assertArrayEquals(new double[] {-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2},
                scaler.apply(V).toArray(), 1e-12);
        assertEquals(Shape.of(8, 1), scaler.apply(V).shape());
    }

    @Test
    void sampleStdWithDdofOne() {
        // C16, ddof 1: std = sqrt(32 / 7).
        ZScore scaler = ZScore.fit(V, 1);
        assertArrayEquals(new double[] {5}, scaler.mean().toArray(), 1e-12);
        assertArrayEquals(new double[] {2.138089935299395}, scaler.std().toArray(), 1e-12);
        assertArrayEquals(new double[] {-1.403121520040228, -0.467707173346743,
                -0.467707173346743, -0.467707173346743, 0, 0, 0.935414346693485,
                1.870828693386971}, scaler.apply(V).toArray(), 1e-12);
    }

    @Test
    void stdOverAllElementsMatchesNumpyForBothDdofs() {
        // C16 convention: [[1, 2, 3, 4], [5, 6, 7, 10]] over all elements, as one column.
        Tensor all = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 10}, 8, 1);
        assertEquals(2.7271780286589284, ZScore.fit(all).std().item(), 1e-12);
        assertEquals(2.9154759474226504, ZScore.fit(all, 1).std().item(), 1e-12);
    }

    @Test
    void columnsAreStandardisedIndependently() {
        // Column 0 is C16's v; column 1 is 10 * v + 1: mean 51, std 20, the same z-scores.
        double[] values = new double[16];
        double[] v = V.toArray();
        for (int i = 0; i < 8; i++) {
            values[2 * i] = v[i];
            values[2 * i + 1] = 10 * v[i] + 1;
        }
        Tensor x = Tensor.of(values, 8, 2);
        ZScore scaler = ZScore.fit(x);
        assertArrayEquals(new double[] {5, 51}, scaler.mean().toArray(), 1e-12);
        assertArrayEquals(new double[] {2, 20}, scaler.std().toArray(), 1e-12);
        double[] z = scaler.apply(x).toArray();
        double[] expected = {-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2};
        for (int i = 0; i < 8; i++) {
            assertEquals(expected[i], z[2 * i], 1e-12);
            assertEquals(expected[i], z[2 * i + 1], 1e-12);
        }
    }

    @Test
    void constantColumnBecomesZeroNotNaN() {
        // C16: v = [3, 3, 3] has std 0, treated as 1 (scikit-learn): z = [0, 0, 0].
        Tensor constant = Tensor.of(new double[] {3, 3, 3}, 3, 1);
        ZScore scaler = ZScore.fit(constant);
        assertArrayEquals(new double[] {0}, scaler.std().toArray(), 0.0);
        assertArrayEquals(new double[] {0, 0, 0}, scaler.apply(constant).toArray(), 0.0);
        assertArrayEquals(
                new double[] {0, 0, 0}, ZScore.fit(constant, 1).apply(constant).toArray(), 0.0);
    }

    @Test
    void constantColumnWhoseMeanRoundsIsStillExactlyZero() {
        // Ten times 0.1 sums to 0.9999999999999999, so a naive mean is 0.09999999999999999: every
        // deviation is 1.4e-17, the std is 1.4e-17 too, and a naive z-score is 1 everywhere.
        Tensor constant = Tensor.full(0.1, 10, 1);
        ZScore scaler = ZScore.fit(constant);
        assertEquals(0.1, scaler.mean().item(), 0.0);
        assertEquals(0.0, scaler.std().item(), 0.0);
        assertArrayEquals(new double[10], scaler.apply(constant).toArray(), 0.0);
    }

    @Test
    void fittedOnTrainIsAppliedUnchangedToOtherData() {
        ZScore scaler = ZScore.fit(V);
        Tensor test = Tensor.of(new double[] {11, -1}, 2, 1);
        // (11 - 5) / 2 = 3, (-1 - 5) / 2 = -3.
        assertArrayEquals(new double[] {3, -3}, scaler.apply(test).toArray(), 1e-12);
    }

    @Test
    void wrongFeatureCountNamesBothShapes() {
        ZScore scaler = ZScore.fit(Tensor.zeros(5, 3).add(Tensor.arange(3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scaler.apply(Tensor.zeros(4, 2)));
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
        assertTrue(e.getMessage().contains("[4, 2]"), e.getMessage());
    }

    @Test
    void fitRefusesTooFewSamplesForDdofAndNegativeDdof() {
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> ZScore.fit(Tensor.zeros(1, 2), 1));
        assertTrue(one.getMessage().contains("n = 1"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ZScore.fit(Tensor.zeros(0, 2)));
        assertThrows(IllegalArgumentException.class, () -> ZScore.fit(V, -1));
        assertThrows(IllegalArgumentException.class, () -> ZScore.fit(Tensor.of(1, 2, 3)));
    }

    @Test
    void constructorRefusesNegativeStdAndMismatchedShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ZScore(Tensor.of(0, 0), Tensor.of(1, -1)));
        assertTrue(e.getMessage().contains("column 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ZScore(Tensor.of(0, 0), Tensor.of(1, 1, 1)));
    }

    @Test
    void dtypeIsKeptAndMixingIsRefused() {
        ZScore scaler = ZScore.fit(V.cast(DType.FLOAT32));
        assertEquals(DType.FLOAT32, scaler.std().dtype());
        assertArrayEquals(new double[] {-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2},
                scaler.apply(V.cast(DType.FLOAT32)).toArray(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> scaler.apply(V));
    }

    @Test
    void fittedScalerHoldsNoGraphButApplyIsDifferentiable() {
        ZScore scaler = ZScore.fit(V.requiresGrad());
        assertFalse(scaler.mean().isTraced());
        assertFalse(scaler.std().isTraced());
        assertTrue(scaler.apply(V.requiresGrad()).isTraced());
    }

    @Test
    void datasetStandardizedUsesItsOwnStatistics() {
        Dataset data = new Dataset(
                V, ImmutableIntArray.of(0, 0, 0, 0, 1, 1, 1, 1), ImmutableList.of("a", "b"));
        assertArrayEquals(new double[] {-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2},
                data.standardized().features().toArray(), 1e-12);
        assertEquals(data.labels(), data.standardized().labels());
    }
}
