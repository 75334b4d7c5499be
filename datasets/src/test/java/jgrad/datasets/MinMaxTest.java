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

class MinMaxTest {

    private static final Tensor C15 = Tensor.of(new double[][] {{5, 1, -2}, {5, 2, 0}, {5, 3, 6}});

    @Test
    void constantColumnBecomesZeroAndOtherColumnsScaleToUnitInterval() {
        // C15: the constant first column gives 0 (scikit-learn MinMaxScaler), no NaN;
        // column 2: (x + 2) / 8 for x in [-2, 0, 6] = [0, 0.25, 1].
        Tensor scaled = MinMax.fit(C15).apply(C15);
        assertEquals(Shape.of(3, 3), scaled.shape());
        assertArrayEquals(new double[] {0, 0, 0, 0, 0.5, 0.25, 0, 1, 1}, scaled.toArray(), 1e-12);
    }

    @Test
    void fitHoldsColumnMinimaAndMaxima() {
        MinMax scaler = MinMax.fit(C15);
        assertArrayEquals(new double[] {5, 1, -2}, scaler.min().toArray(), 0.0);
        assertArrayEquals(new double[] {5, 3, 6}, scaler.max().toArray(), 0.0);
        assertEquals(3, scaler.numFeatures());
    }

    @Test
    void fittedOnTrainIsAppliedUnchangedToOtherData() {
        // Fitted on C15; a test row outside the training range leaves [0, 1]: (x - min) / range,
        // and the constant column gives x - min (the range 0 is replaced by 1, as scikit-learn).
        MinMax scaler = MinMax.fit(C15);
        Tensor test = Tensor.of(new double[][] {{7, 0, 10}});
        assertArrayEquals(new double[] {2, -0.5, 1.5}, scaler.apply(test).toArray(), 1e-12);
    }

    @Test
    void applyToDatasetScalesOnlyTheFeatures() {
        Dataset data = new Dataset(C15, ImmutableIntArray.of(0, 1, 0), ImmutableList.of("a", "b"));
        Dataset scaled = MinMax.fit(data).apply(data);
        assertEquals(data.labels(), scaled.labels());
        assertEquals(data.classNames(), scaled.classNames());
        assertArrayEquals(MinMax.fit(C15).apply(C15).toArray(), scaled.features().toArray(), 0.0);
    }

    @Test
    void wrongFeatureCountNamesBothShapes() {
        MinMax scaler = MinMax.fit(C15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scaler.apply(Tensor.zeros(4, 2)));
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
        assertTrue(e.getMessage().contains("[4, 2]"), e.getMessage());
    }

    @Test
    void fitRefusesNonMatricesAndEmptyTrainingData() {
        IllegalArgumentException vector = assertThrows(IllegalArgumentException.class,
                () -> MinMax.fit(Tensor.of(1, 2, 3)));
        assertTrue(vector.getMessage().contains("[3]"), vector.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MinMax.fit(Tensor.zeros(0, 3)));
    }

    @Test
    void dtypeIsKeptAndMixingIsRefused() {
        MinMax scaler = MinMax.fit(C15.cast(DType.FLOAT32));
        assertEquals(DType.FLOAT32, scaler.min().dtype());
        assertEquals(DType.FLOAT32, scaler.apply(C15.cast(DType.FLOAT32)).dtype());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scaler.apply(C15));
        assertTrue(e.getMessage().contains("float64"), e.getMessage());
    }

    @Test
    void constructorRefusesMinAboveMaxNamingTheColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MinMax(Tensor.of(0, 2), Tensor.of(1, 1)));
        assertTrue(e.getMessage().contains("column 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new MinMax(Tensor.of(0, 1), Tensor.of(1, 2, 3)));
    }

    @Test
    void fittedScalerHoldsNoGraph() {
        Tensor traced = C15.requiresGrad();
        MinMax scaler = MinMax.fit(traced);
        assertFalse(scaler.min().isTraced());
        assertFalse(scaler.max().isTraced());
    }
}
