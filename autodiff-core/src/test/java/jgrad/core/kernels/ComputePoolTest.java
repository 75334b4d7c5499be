package jgrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ComputePoolTest {

    @Test
    void everyPartRunsOnceAndTheCallerWaitsForAll() {
        AtomicIntegerArray runs = new AtomicIntegerArray(5);
        ComputePool.run(5, part -> runs.incrementAndGet(part));
        for (int part = 0; part < 5; part++) {
            assertEquals(1, runs.get(part), "part " + part);
        }
    }

    @Test
    void aFailingPartIsRethrownAfterTheOthersFinished() {
        IllegalStateException failure = new IllegalStateException("part 2 failed");
        AtomicIntegerArray runs = new AtomicIntegerArray(3);
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> ComputePool.run(3, part -> {
                    runs.incrementAndGet(part);
                    if (part == 2) {
                        throw failure;
                    }
                }));
        assertSame(failure, thrown);
        assertEquals(1, runs.get(0));
        assertEquals(1, runs.get(1));
    }

    @Test
    void aCallFromInsideAPartRunsInlineWithoutDeadlock() {
        AtomicIntegerArray inner = new AtomicIntegerArray(4);
        ComputePool.run(2, outer -> ComputePool.run(2, part -> inner.incrementAndGet(outer * 2
                + part)));
        for (int i = 0; i < 4; i++) {
            assertEquals(1, inner.get(i), "inner part " + i);
        }
    }
}
