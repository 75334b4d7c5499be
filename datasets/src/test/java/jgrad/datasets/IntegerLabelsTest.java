package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** Labels as an int32 or int64 tensor, as well as an ImmutableIntArray. */
class IntegerLabelsTest {

    @Test
    void aDatasetTakesAndGivesLabelsAsAnIntegerTensor() {
        Tensor features = Tensor.of(new double[][] {{1}, {2}, {3}});
        Dataset fromInts = Dataset.of(features, Tensor.ofInts(2, 0, 1), List.of("a", "b", "c"));
        assertEquals(ImmutableIntArray.of(2, 0, 1), fromInts.labels());
        Dataset fromLongs = Dataset.of(features, Tensor.ofLongs(2, 0, 1), List.of("a", "b", "c"));
        assertEquals(fromInts.labels(), fromLongs.labels());
        Tensor labels = fromInts.labelTensor();
        assertEquals(DType.INT32, labels.dtype());
        assertArrayEquals(new int[] {2, 0, 1}, labels.toIntArray());
    }

    @Test
    void oneHotAndLabelEncoderTakeIntegerTensors() {
        assertArrayEquals(OneHot.encode(ImmutableIntArray.of(5, 3, 7, 4), 10).toArray(),
                OneHot.encode(Tensor.ofInts(5, 3, 7, 4), 10).toArray(), 0.0);
        Tensor logits = Tensor.of(new double[][] {{0.1, 2}, {3, -1}});
        assertEquals(ImmutableList.of("dog", "cat"),
                LabelEncoder.of("cat", "dog").decode(logits.argmax(1)));
    }

    @Test
    void floatOrOutOfRangeLabelTensorsAreRefused() {
        Tensor features = Tensor.zeros(2, 1);
        String floats = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(features, Tensor.of(0, 1), List.of("a", "b"))).getMessage();
        assertTrue(floats.contains("int32 or int64 tensor [n]") && floats.contains("float64"),
                floats);
        String wide = assertThrows(IllegalArgumentException.class,
                () -> OneHot.encode(Tensor.ofLongs(0, 1L << 40), 2)).getMessage();
        assertTrue(wide.contains("1099511627776 at index 1"), wide);
        String range = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(features, Tensor.ofInts(0, 2), List.of("a", "b"))).getMessage();
        assertTrue(range.contains("label 2 at index 1"), range);
        assertThrows(IllegalArgumentException.class,
                () -> OneHot.encode(Tensor.ofInts(new int[] {0, 1}, 2, 1), 2));
    }
}
