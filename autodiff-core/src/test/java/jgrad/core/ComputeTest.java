package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ComputeTest {

    @Test
    void withoutThePropertyTheCountIsTheAvailableProcessors() {
        assertEquals(Runtime.getRuntime().availableProcessors(), Compute.fromProperty(null));
    }

    @Test
    void thePropertyGivesTheCount() {
        assertEquals(3, Compute.fromProperty("3"));
        assertEquals(1, Compute.fromProperty(" 1 "));
    }

    @Test
    void aBadPropertyValueIsRefusedNamingThePropertyAndTheValue() {
        for (String bad : new String[] {"0", "-2", "two", "", "1.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Compute.fromProperty(bad));
            assertTrue(e.getMessage().contains("system property jgrad.threads must be a positive"
                    + " integer"), e.getMessage());
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void setThreadsChangesTheCountAndRefusesLessThanOne() {
        int before = Compute.threads();
        try {
            Compute.setThreads(1);
            assertEquals(1, Compute.threads());
            assertThrows(IllegalArgumentException.class, () -> Compute.setThreads(0));
            assertEquals(1, Compute.threads());
        } finally {
            Compute.setThreads(before);
        }
    }

    @Test
    void awaitFastKernelsReturnsOnceTheKernelsAreCompiledAndRefusesANegativeTimeout()
            throws InterruptedException {
        assertTrue(Compute.awaitFastKernels(java.time.Duration.ofMinutes(5)));
        assertTrue(Compute.awaitFastKernels(java.time.Duration.ZERO), "already compiled");
        assertThrows(IllegalArgumentException.class,
                () -> Compute.awaitFastKernels(java.time.Duration.ofSeconds(-1)));
    }

    @Test
    void awaitFastKernelsRefusesANullTimeoutNamingTheMethod() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Compute.awaitFastKernels(null));
        assertTrue(String.valueOf(e.getMessage()).startsWith("Compute.awaitFastKernels: timeout"),
                String.valueOf(e.getMessage()));
    }
}
