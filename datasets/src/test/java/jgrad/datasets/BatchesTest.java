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
}
