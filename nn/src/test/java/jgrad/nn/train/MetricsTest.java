package jgrad.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableDoubleArray;
import com.google.common.primitives.ImmutableIntArray;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** Hand-derived metric values (derivations in comments); regression ones from scikit-learn docs. */
class MetricsTest {

    // labels [0, 0, 1, 1, 2, 2, 2], predicted [0, 1, 1, 1, 2, 0, 1]: rows actual, columns predicted
    //   a0: 1 1 0 | a1: 0 2 0 | a2: 1 1 1
    private static final ImmutableIntArray LABELS = ImmutableIntArray.of(0, 0, 1, 1, 2, 2, 2);
    private static final ImmutableIntArray PREDICTED = ImmutableIntArray.of(0, 1, 1, 1, 2, 0, 1);

    @Test
    void confusionMatrixCountsActualRowsAgainstPredictedColumns() {
        ConfusionMatrix cm = ConfusionMatrix.of(PREDICTED, LABELS, 3);
        assertEquals(ImmutableIntArray.of(1, 1, 0, 0, 2, 0, 1, 1, 1), cm.counts());
        assertEquals(7, cm.total());
        assertEquals(4.0 / 7, cm.accuracy(), 1e-15);
        assertEquals(3, cm.support(2));
        assertEquals(4, cm.predictedCount(1));
        assertEquals("actual \\ predicted\n   0 1 2\n 0 1 1 0\n 1 0 2 0\n 2 1 1 1", cm.toString());
    }

    @Test
    void precisionRecallAndF1PerClassAndMacroAveraged() {
        // precision TP / column sum: 1/2, 2/4, 1/1; recall TP / row sum: 1/2, 2/2, 1/3;
        // F1 = 2TP / (row + column): 2/4, 4/6, 2/4.
        ConfusionMatrix cm = ConfusionMatrix.of(PREDICTED, LABELS, 3);
        assertEquals(ImmutableDoubleArray.of(0.5, 0.5, 1), cm.precisionPerClass());
        assertEquals(ImmutableDoubleArray.of(0.5, 1, 1.0 / 3), cm.recallPerClass());
        assertEquals(ImmutableDoubleArray.of(0.5, 2.0 / 3, 0.5), cm.f1PerClass());
        assertEquals(2.0 / 3, cm.macroPrecision(), 1e-15);
        assertEquals((0.5 + 1 + 1.0 / 3) / 3, cm.macroRecall(), 1e-15);
        assertEquals((0.5 + 2.0 / 3 + 0.5) / 3, cm.macroF1(), 1e-15);
        // a fourth class nobody has or predicts does not pull the macro averages down
        ConfusionMatrix wider = ConfusionMatrix.of(PREDICTED, LABELS, 4);
        assertEquals(cm.macroF1(), wider.macroF1(), 1e-15);
        assertEquals(0.0, wider.f1(3));
    }

    @Test
    void aClassNeverPredictedHasPrecisionZeroAsScikitLearnsZeroDivisionDefault() {
        // labels [0, 1], predicted [0, 0]: class 1 never predicted
        ConfusionMatrix cm = ConfusionMatrix.of(ImmutableIntArray.of(0, 0),
                ImmutableIntArray.of(0, 1), 2);
        assertEquals(0.0, cm.precision(1));
        assertEquals(0.0, cm.recall(1));
        assertEquals(0.0, cm.f1(1));
        assertEquals(0.5, cm.precision(0));
        assertEquals(2.0 / 3, cm.f1(0), 1e-15);
    }

    @Test
    void confusionMatrixFromLogitsTakesTheArgmax() {
        Tensor logits = Tensor.of(new double[][] {{2, 1}, {0, 3}, {5, 5}});
        ConfusionMatrix cm = Metrics.confusionMatrix(logits, ImmutableIntArray.of(0, 0, 1));
        assertEquals(ImmutableIntArray.of(1, 1, 1, 0), cm.counts()); // the tie goes to class 0
        assertThrows(IllegalArgumentException.class, () -> Metrics.confusionMatrix(
                Tensor.of(new double[][] {{Double.NaN, 1}}), ImmutableIntArray.of(0)));
    }

    @Test
    void topKAccuracyCountsLabelsAmongTheKLargestWithTheArgmaxTieRule() {
        // row 0: label 2 (0.4) is second; row 1: all tie, label 1 is second by index;
        // row 2: label 2 is third.
        Tensor logits = Tensor.of(new double[][] {{0.1, 0.5, 0.4}, {1, 1, 1}, {3, 2, 1}});
        ImmutableIntArray labels = ImmutableIntArray.of(2, 1, 2);
        assertEquals(0.0, Metrics.topKAccuracy(logits, labels, 1));
        assertEquals(Metrics.accuracy(logits, labels), Metrics.topKAccuracy(logits, labels, 1));
        assertEquals(2.0 / 3, Metrics.topKAccuracy(logits, labels, 2), 1e-15);
        assertEquals(1.0, Metrics.topKAccuracy(logits, labels, 3));
        assertEquals(1.0, Metrics.topKAccuracy(logits, labels, 10));
        assertTrue(Double.isNaN(Metrics.topKAccuracy(Tensor.zeros(0, 3), ImmutableIntArray.of(),
                2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.topKAccuracy(logits, ImmutableIntArray.of(0, 1, 3), 2));
        assertEquals("topKAccuracy: label 3 at index 2 is outside the valid range 0..2",
                e.getMessage());
    }

    @Test
    void regressionMetricsMatchScikitLearnsDocumentedExamples() {
        // scikit-learn's r2_score / mean_squared_error / mean_absolute_error examples
        Tensor y = Tensor.of(3, -0.5, 2, 7);
        Tensor yHat = Tensor.of(2.5, 0, 2, 8);
        assertEquals(0.375, Metrics.meanSquaredError(yHat, y));
        assertEquals(0.5, Metrics.meanAbsoluteError(yHat, y));
        assertEquals(0.9486081370449679, Metrics.r2(yHat, y), 1e-15);
        // two outputs: R² per column (0.96543..., 0.90816...), then their mean
        Tensor y2 = Tensor.of(new double[][] {{0.5, 1}, {-1, 1}, {7, -6}});
        Tensor yHat2 = Tensor.of(new double[][] {{0, 2}, {-1, 2}, {8, -5}});
        assertEquals(0.9368005266622779, Metrics.r2(yHat2, y2), 1e-15);
        // constant targets: 1 if predicted exactly, else 0 (force_finite)
        assertEquals(1.0, Metrics.r2(Tensor.of(2, 2, 2), Tensor.of(2, 2, 2)));
        assertEquals(0.0, Metrics.r2(Tensor.of(2, 2, 3), Tensor.of(2, 2, 2)));
        // predicting the mean scores 0; worse is negative
        assertEquals(0.0, Metrics.r2(Tensor.of(2, 2, 2), Tensor.of(1, 2, 3)), 1e-15);
        assertTrue(Metrics.r2(Tensor.of(3, 2, 1), Tensor.of(1, 2, 3)) < 0);
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.meanSquaredError(Tensor.of(1, 2), Tensor.of(1, 2, 3)));
    }

    @Test
    void classificationMetricsTakeInt32AndInt64LabelTensors() {
        Tensor logits = Tensor.of(new double[][] {{2, 0, 1}, {0, 3, 1}, {1, 0, 2}, {0, 2, 1}});
        ImmutableIntArray labels = ImmutableIntArray.of(0, 1, 1, 2);
        for (Tensor tensor : new Tensor[] {Tensor.ofInts(0, 1, 1, 2), Tensor.ofLongs(0, 1, 1, 2)}) {
            assertEquals(Metrics.accuracy(logits, labels), Metrics.accuracy(logits, tensor));
            assertEquals(0.5, Metrics.accuracy(logits, tensor));
            assertEquals(Metrics.topKAccuracy(logits, labels, 2),
                    Metrics.topKAccuracy(logits, tensor, 2));
            assertEquals(Metrics.confusionMatrix(logits, labels),
                    Metrics.confusionMatrix(logits, tensor));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.accuracy(logits, Tensor.of(0, 1, 1, 2)));
        assertTrue(e.getMessage().startsWith("accuracy: labels must be class indices of dtype"
                + " int32 or int64, got float64"), e.getMessage());
    }

    @Test
    void accuracyRefusesALabelOutOfRangeInsteadOfCountingItWrong() {
        Tensor logits = Tensor.of(new double[][] {{2, 0, 1}, {0, 3, 1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.accuracy(logits, Tensor.ofLongs(0, 3)));
        assertEquals("accuracy: label 3 at index 1 is outside the valid range 0..2",
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.accuracy(logits, ImmutableIntArray.of(-1, 0)));
    }
}
