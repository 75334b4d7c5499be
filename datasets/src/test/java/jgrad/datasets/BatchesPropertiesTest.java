package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.SplittableRandom;
import jgrad.core.DType;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.IntRange;

@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class BatchesPropertiesTest {

    @Property
    void shuffledBatchesCoverEachSampleOncePerEpoch(
            @ForAll @IntRange(min = 0, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 64) int batchSize, @ForAll long seed) {
        ImmutableList<Dataset> batches =
                Batches.shuffled(SplitTest.indexed(n), batchSize, new SplittableRandom(seed));
        assertEquals((n + batchSize - 1) / batchSize, batches.size());
        int[] seen = new int[n];
        for (int b = 0; b < batches.size(); b++) {
            Dataset batch = batches.get(b);
            int expectedSize = b < batches.size() - 1 ? batchSize : n - b * batchSize;
            assertEquals(expectedSize, batch.size());
            double[] features = batch.features().toArray();
            for (int i = 0; i < batch.size(); i++) {
                int index = (int) features[i];
                seen[index]++;
                assertEquals(index % 3, batch.labels().get(i), "label travels with its sample");
            }
        }
        int[] once = new int[n];
        Arrays.fill(once, 1);
        assertArrayEquals(once, seen);
    }

    @Property
    void equalSeedsGiveEqualBatches(
            @ForAll @IntRange(min = 0, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 64) int batchSize, @ForAll long seed) {
        Dataset data = SplitTest.indexed(n);
        ImmutableList<Dataset> first = Batches.shuffled(data, batchSize, new SplittableRandom(seed));
        ImmutableList<Dataset> second = Batches.shuffled(data, batchSize, new SplittableRandom(seed));
        assertEquals(first.size(), second.size());
        for (int b = 0; b < first.size(); b++) {
            assertArrayEquals(first.get(b).features().toArray(), second.get(b).features().toArray());
            assertEquals(first.get(b).labels(), second.get(b).labels());
        }
    }

    @Property
    void inOrderBatchesKeepTheStoredOrderAndDtype(
            @ForAll @IntRange(min = 0, max = 100) int n,
            @ForAll @IntRange(min = 1, max = 16) int batchSize) {
        Dataset data = SplitTest.indexed(n);
        Dataset float32 = data.withFeatures(data.features().cast(DType.FLOAT32));
        int next = 0;
        for (Dataset batch : Batches.inOrder(float32, batchSize)) {
            assertEquals(DType.FLOAT32, batch.features().dtype());
            assertEquals(data.classNames(), batch.classNames());
            for (double index : batch.features().toArray()) {
                assertEquals(next++, (int) index);
            }
        }
        assertEquals(n, next);
    }
}
