package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class OneHotTest {

    @Test
    void encodesLabelsAsRowsOfTheIdentity() {
        // C17 (i): labels [0, 2, 1], K = 3.
        Tensor encoded = OneHot.encode(ImmutableIntArray.of(0, 2, 1), 3);
        assertEquals(Shape.of(3, 3), encoded.shape());
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1, 0, 1, 0}, encoded.toArray(), 0.0);
    }

    @Test
    void labelEqualToNumClassesIsRefusedNamingItAndTheRange() {
        // C17 (ii): labels [1, 3], K = 3.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OneHot.encode(ImmutableIntArray.of(1, 3), 3));
        assertTrue(e.getMessage().contains("label 3"), e.getMessage());
        assertTrue(e.getMessage().contains("0..2"), e.getMessage());
    }

    @Test
    void negativeLabelIsRefusedNotWrappedAround() {
        // C17 (iii): labels [0, -1], K = 3; numpy's eye(3)[labels] would give class 2.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OneHot.encode(ImmutableIntArray.of(0, -1), 3));
        assertTrue(e.getMessage().contains("label -1"), e.getMessage());
        assertTrue(e.getMessage().contains("0..2"), e.getMessage());
    }

    @Test
    void noLabelsGiveAnEmptyMatrixAndNonPositiveClassCountIsRefused() {
        assertEquals(Shape.of(0, 4), OneHot.encode(ImmutableIntArray.of(), 4).shape());
        assertThrows(IllegalArgumentException.class,
                () -> OneHot.encode(ImmutableIntArray.of(0), 0));
    }

    @Test
    void decodeInvertsEncode() {
        ImmutableIntArray labels = ImmutableIntArray.of(4, 0, 2, 2, 1, 3);
        assertEquals(labels, OneHot.decode(OneHot.encode(labels, 5)));
    }

    @Test
    void decodeTakesTheArgmaxOfEachRowAndTheFirstOnTies() {
        Tensor logits = Tensor.of(new double[][] {{0.1, 2.5, -1}, {3, 3, 1}, {-5, -4, -4}});
        assertEquals(ImmutableIntArray.of(1, 0, 1), OneHot.decode(logits));
    }

    @Test
    void decodeRefusesNaNAndNonMatrices() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> OneHot.decode(Tensor.of(new double[][] {{0, 1}, {Double.NaN, 0}})));
        assertTrue(nan.getMessage().contains("row 1"), nan.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> OneHot.decode(Tensor.of(1, 2, 3)));
        assertTrue(shape.getMessage().contains("[3]"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OneHot.decode(Tensor.zeros(2, 0)));
    }
}
