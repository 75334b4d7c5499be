package jgrad.nn.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import jgrad.core.Autodiff;
import jgrad.core.DType;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Class labels as int32 and int64 tensors, as PyTorch takes them ({@code cross_entropy(input,
 * target)} with an int64 target): the same losses and gradients as the array form, and clear
 * errors for float labels and labels out of range.
 */
class IntegerLabelTensorsTest {

    private static final Tensor LOGITS = Tensor.of(new double[][] {
        {2, 0, -1}, {0.5, 1.5, 0}, {-1, 0, 3}, {0, 0, 0}});
    private static final ImmutableIntArray LABELS = ImmutableIntArray.of(0, 2, 2, 1);

    @Test
    void int32AndInt64LabelTensorsGiveTheLossAndGradientOfTheArrayForm() {
        Tensor want = Losses.softmaxCrossEntropy(LOGITS, LABELS);
        Tensor wantGrad = Autodiff.grad(x -> Losses.softmaxCrossEntropy(x, LABELS), LOGITS);
        CrossEntropyOptions options = CrossEntropyOptions.defaults().withIgnoreIndex(1)
                .withClassWeights(Tensor.of(1, 2, 0.5)).withReduction(Reduction.NONE);
        for (Tensor labels : new Tensor[] {Tensor.ofInts(0, 2, 2, 1), Tensor.ofLongs(0, 2, 2, 1)}) {
            assertEquals(want.item(), Losses.softmaxCrossEntropy(LOGITS, labels).item(), 0);
            assertTrue(wantGrad.allClose(Autodiff.grad(x -> Losses.softmaxCrossEntropy(x, labels),
                    LOGITS), 0, 0));
            assertEquals(Losses.softmaxCrossEntropy(LOGITS, LABELS, Reduction.SUM).item(),
                    Losses.softmaxCrossEntropy(LOGITS, labels, Reduction.SUM).item(), 0);
            assertTrue(Losses.softmaxCrossEntropy(LOGITS, LABELS, options).allClose(
                    Losses.softmaxCrossEntropy(LOGITS, labels, options), 0, 0));
            Tensor logP = LOGITS.logSoftmax(1);
            assertEquals(Losses.negativeLogLikelihood(logP, LABELS).item(),
                    Losses.negativeLogLikelihood(logP, labels).item(), 0);
            assertEquals(Losses.multiMargin(LOGITS, LABELS, 1, 1, Reduction.MEAN).item(),
                    Losses.multiMargin(LOGITS, labels, 1, 1, Reduction.MEAN).item(), 0);
        }
        // one-hot rows as float targets still mean distributions
        assertEquals(want.item(), Losses.softmaxCrossEntropy(LOGITS,
                Tensor.oneHot(Tensor.ofLongs(0, 2, 2, 1), 3)).item(), 1e-15);
    }

    @Test
    void floatLabelsWhereClassIndicesAreRequiredNameTheCast() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.softmaxCrossEntropy(LOGITS, Tensor.of(0, 2, 2, 1)));
        assertEquals("softmaxCrossEntropy: labels must be class indices of dtype int32 or int64,"
                + " got float64 of shape [4]; for class numbers held as floats use"
                + " labels.cast(DType.INT64), for target distributions the [batch, K] form",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.negativeLogLikelihood(
                LOGITS, Tensor.of(0, 2, 2, 1).cast(DType.FLOAT32)));
        assertTrue(e.getMessage().startsWith("negativeLogLikelihood: labels must be class indices"
                + " of dtype int32 or int64, got float32"), e.getMessage());
        // integer labels of the wrong rank
        e = assertThrows(IllegalArgumentException.class, () -> Losses.softmaxCrossEntropy(LOGITS,
                Tensor.ofLongs(new long[] {0, 2, 2, 1}, 4, 1)));
        assertEquals("softmaxCrossEntropy: labels [batch] expected, got shape [4, 1]",
                e.getMessage());
    }

    @Test
    void labelsOutOfRangeNameTheLabelItsIndexAndTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.softmaxCrossEntropy(LOGITS, Tensor.ofLongs(0, 2, 3, 1)));
        assertEquals("softmaxCrossEntropy: label 3 at index 2 is outside the valid range 0..2 for"
                + " logits of shape [4, 3]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.softmaxCrossEntropy(LOGITS, Tensor.ofInts(0, -1, 2, 1)));
        assertTrue(e.getMessage().startsWith("softmaxCrossEntropy: label -1 at index 1"));
        e = assertThrows(IllegalArgumentException.class, () -> Losses.softmaxCrossEntropy(LOGITS,
                Tensor.ofLongs(0, 1L << 32, 2, 1)));
        assertEquals("softmaxCrossEntropy: label 4294967296 at index 1 is outside the int32 range"
                + " of class indices", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.softmaxCrossEntropy(LOGITS, Tensor.ofLongs(0, 1, 2)));
        assertEquals("softmaxCrossEntropy: logits [batch, K] = [4, 3] need 4 labels, got 3",
                e.getMessage());
    }

    @Test
    void oneHotTakesInt32AndInt64LabelsAndRefusesFloatOnes() {
        Tensor want = Tensor.of(new double[][] {{1, 0, 0}, {0, 0, 1}});
        assertTrue(want.allClose(Tensor.oneHot(Tensor.ofLongs(0, 2), 3), 0, 0));
        assertTrue(want.allClose(Tensor.oneHot(Tensor.ofInts(0, 2), 3), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Tensor.oneHot(Tensor.of(0, 2), 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.oneHot(Tensor.ofLongs(0, 3), 3));
    }
}
