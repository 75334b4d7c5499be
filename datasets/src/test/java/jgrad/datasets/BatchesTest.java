package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchesTest {

    @Test
    void irisIn32SampleBatchesHasFiveIterationsPerEpoch() {
        // ceil(150 / 32) = 5: four batches of 32 and one of 22.
        var batches = Batches.shuffled(Datasets.iris(), 32, new SplittableRandom(0));
        assertEquals(5, batches.size());
        assertEquals(22, batches.get(4).size());
    }

    @Test
    void differentSeedsGiveDifferentOrders() {
        assertNotEquals(Batches.permutation(50, new SplittableRandom(1)),
                Batches.permutation(50, new SplittableRandom(2)));
    }

    @Test
    void badArgumentsAreRefusedNamingThem() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> Batches.inOrder(Datasets.iris(), 0));
        assertTrue(size.getMessage().contains("got 0"), size.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> Batches.permutation(-2, new SplittableRandom(0)));
        assertTrue(n.getMessage().contains("-2"), n.getMessage());
        assertEquals(ImmutableIntArray.of(), Batches.permutation(0, new SplittableRandom(0)));
    }

    @Test
    void dropLastLeavesOutThePartialBatchKeepLastKeepsIt() {
        // 150 = 4 * 32 + 22: kept, 5 batches (the last of 22); dropped, 4 full batches.
        var kept = Batches.inOrder(Datasets.iris(), 32, LastBatch.KEEP);
        assertEquals(5, kept.size());
        assertEquals(22, kept.get(4).size());
        var dropped = Batches.shuffled(Datasets.iris(), 32, new SplittableRandom(0),
                LastBatch.DROP);
        assertEquals(4, dropped.size());
        dropped.forEach(batch -> assertEquals(32, batch.size()));
        // The first 128 samples of the same shuffle, whatever is dropped.
        var all = Batches.shuffled(Datasets.iris(), 32, new SplittableRandom(0));
        for (int b = 0; b < 4; b++) {
            assertEquals(all.get(b).labels(), dropped.get(b).labels());
        }
        assertEquals(0, Batches.inOrder(Datasets.iris(), 151, LastBatch.DROP).size());
        assertEquals(3, Batches.inOrder(Datasets.iris(), 50, LastBatch.DROP).size());
    }

    @Test
    void epochPlanCountsIterationsInTheTutorialsWords() {
        // The digits training split of train-digits.jsh: 1257 samples, batches of 32.
        EpochPlan kept = EpochPlan.of(1257, 32, LastBatch.KEEP);
        assertEquals(40, kept.iterationsPerEpoch());
        assertEquals(39, kept.fullBatches());
        assertEquals(9, kept.remainder());
        assertEquals(0, kept.droppedPerEpoch());
        assertEquals(1200, kept.iterations(30));
        assertEquals("an epoch of 1257 samples in batches of batch size 32 is 40 iterations:"
                + " 39 full batches and a last batch of 9 samples", kept.toString());
        assertEquals("30 epochs x 40 iterations per epoch = 1200 iterations", kept.describe(30));
        EpochPlan dropped = EpochPlan.of(1257, 32, LastBatch.DROP);
        assertEquals(39, dropped.iterationsPerEpoch());
        assertEquals(9, dropped.droppedPerEpoch());
        assertEquals("an epoch of 1257 samples in batches of batch size 32 is 39 iterations:"
                + " 39 full batches; the last 9 samples of each epoch are dropped",
                dropped.toString());
        EpochPlan even = EpochPlan.of(Datasets.iris(), 50, LastBatch.DROP);
        assertEquals("an epoch of 150 samples in batches of batch size 50 is 3 iterations:"
                + " 3 full batches", even.toString());
        assertEquals("1 epoch x 3 iterations per epoch = 3 iterations", even.describe(1));
        assertEquals(Batches.inOrder(Datasets.iris(), 7).size(),
                EpochPlan.of(150, 7, LastBatch.KEEP).iterationsPerEpoch());
        assertThrows(IllegalArgumentException.class, () -> EpochPlan.of(10, 0, LastBatch.KEEP));
        assertThrows(IllegalArgumentException.class, () -> EpochPlan.of(-1, 1, LastBatch.KEEP));
        assertThrows(IllegalArgumentException.class, () -> kept.iterations(-1));
    }
}
