package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelEncoderTest {

    private static final List<String> LABELS =
            List.of("virginica", "setosa", "versicolor", "setosa", "virginica");

    @Test
    void fitSortsTheDistinctLabelsAsScikitLearnDoes() {
        LabelEncoder encoder = LabelEncoder.fit(LABELS);
        assertEquals(ImmutableList.of("setosa", "versicolor", "virginica"), encoder.classes());
        assertEquals(ImmutableIntArray.of(2, 0, 1, 0, 2), encoder.encode(LABELS));
        assertEquals("LabelEncoder[setosa=0, versicolor=1, virginica=2]", encoder.toString());
    }

    @Test
    void firstSeenOrderIsPandasFactorize() {
        LabelEncoder encoder = LabelEncoder.fit(LABELS, ClassOrder.FIRST_SEEN);
        assertEquals(ImmutableList.of("virginica", "setosa", "versicolor"), encoder.classes());
    }

    @Test
    void numericLabelsSortByValueAndOthersByCodePoint() {
        assertEquals(ImmutableList.of("-1", "2", "10", "10.5"),
                LabelEncoder.fit(List.of("10", "2", "10.5", "-1")).classes());
        // Code point order: upper case before lower case; a supplementary character
        // (U+1F600, a surrogate pair in UTF-16) after U+FF5E, unlike String.compareTo.
        assertEquals(ImmutableList.of("B", "a", "\uFF5E", "\uD83D\uDE00"),
                LabelEncoder.fit(List.of("a", "\uD83D\uDE00", "B", "\uFF5E")).classes());
    }

    @Test
    void decodeInvertsEncode() {
        LabelEncoder encoder = LabelEncoder.of("cat", "dog");
        assertEquals(ImmutableList.of("dog", "cat", "dog"),
                encoder.decode(encoder.encode(List.of("dog", "cat", "dog"))));
        assertEquals("dog", encoder.decode(1));
        assertEquals(1, encoder.encode("dog"));
        assertArrayEquals(new double[] {0, 1, 1, 0}, encoder.oneHot(List.of("dog", "cat"))
                .toArray(), 0.0);
    }

    @Test
    void unknownLabelsBadIdsAndDuplicateClassesAreRefused() {
        LabelEncoder encoder = LabelEncoder.of("cat", "dog");
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> encoder.encode(List.of("cat", "cow"))).getMessage();
        assertTrue(unknown.contains("'cow' at index 1") && unknown.contains("['cat', 'dog']"), unknown);
        String id = assertThrows(IllegalArgumentException.class,
                () -> encoder.decode(ImmutableIntArray.of(0, 2))).getMessage();
        assertTrue(id.contains("id 2 at index 1") && id.contains("0..1"), id);
        assertThrows(IllegalArgumentException.class, () -> encoder.decode(-1));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode("cow"));
        String twice = assertThrows(IllegalArgumentException.class,
                () -> LabelEncoder.of("a", "b", "a")).getMessage();
        assertTrue(twice.contains("'a' appears twice in ['a', 'b', 'a']"), twice);
        String comma = assertThrows(IllegalArgumentException.class,
                () -> LabelEncoder.of("a, b", "c").encode("a")).getMessage();
        assertTrue(comma.endsWith("the classes are ['a, b', 'c']"), comma);
    }

    @Test
    void aDatasetGivesTheEncoderOfItsClasses() {
        assertEquals(LabelEncoder.of("setosa", "versicolor", "virginica"),
                Datasets.iris().labelEncoder());
    }
}
