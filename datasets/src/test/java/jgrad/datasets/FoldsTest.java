package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FoldsTest {

    @Test
    void kFoldWithoutShuffleHoldsOutContiguousRunsAsScikitLearn() {
        // KFold(3) on 10 samples: test folds [0..3], [4..6], [7..9].
        ImmutableList<Fold> folds = Folds.kFold(10, 3);
        assertEquals(ImmutableIntArray.of(0, 1, 2, 3), folds.get(0).validation());
        assertEquals(ImmutableIntArray.of(4, 5, 6), folds.get(1).validation());
        assertEquals(ImmutableIntArray.of(7, 8, 9), folds.get(2).validation());
        assertEquals(ImmutableIntArray.of(0, 1, 2, 3, 7, 8, 9), folds.get(1).train());
        assertEquals("Fold[train 6, validation 4]", folds.get(0).toString());
    }

    @Test
    void stratifiedFiveFoldsOfIrisHoldOutTenOfEachClass() {
        ImmutableList<Fold> folds =
                Folds.stratifiedKFold(Datasets.iris(), 5, new SplittableRandom(0));
        assertEquals(5, folds.size());
        for (Fold fold : folds) {
            assertArrayEquals(new int[] {10, 10, 10},
                    StratifiedSplitTest.classCounts(fold.validationOf(Datasets.iris())));
            assertArrayEquals(new int[] {40, 40, 40},
                    StratifiedSplitTest.classCounts(fold.trainOf(Datasets.iris())));
        }
    }

    @Test
    void shuffledFoldsDependOnTheSeedOnly() {
        assertEquals(Folds.kFold(20, 4, new SplittableRandom(1)),
                Folds.kFold(20, 4, new SplittableRandom(1)));
        assertTrue(!Folds.kFold(20, 4, new SplittableRandom(1))
                .equals(Folds.kFold(20, 4, new SplittableRandom(2))));
    }

    @Test
    void badKAndLabelsAreRefused() {
        String one = assertThrows(IllegalArgumentException.class, () -> Folds.kFold(10, 1))
                .getMessage();
        assertTrue(one.contains("k = 1") && one.contains("n = 10"), one);
        assertThrows(IllegalArgumentException.class, () -> Folds.kFold(3, 4));
        String negative = assertThrows(IllegalArgumentException.class,
                () -> Folds.stratifiedKFold(ImmutableIntArray.of(0, -1, 1), 2,
                        new SplittableRandom(0))).getMessage();
        assertTrue(negative.contains("label -1 at index 1"), negative);
    }
}
