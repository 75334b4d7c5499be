package jgrad.nn.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class InitTest {

    @Test
    void glorotUniformStaysWithinItsLimitWithTheUniformVariance() {
        // fanIn = 300, fanOut = 200: a = sqrt(6 / 500), variance of U(-a, a) = a^2 / 3 = 2 / 500.
        Tensor w = Init.GLOROT_UNIFORM.weight(300, 200, new SplittableRandom(1));
        assertEquals("[200, 300]", w.shape().toString());
        double limit = Math.sqrt(6.0 / 500);
        double[] values = w.toArray();
        double max = 0;
        for (double value : values) {
            max = Math.max(max, Math.abs(value));
        }
        assertTrue(max <= limit, "max |w| " + max + " exceeds " + limit);
        assertTrue(max > 0.99 * limit, "max |w| " + max + " far below " + limit);
        // 60 000 draws: the sample variance is within 2% of 0.004 with overwhelming probability
        // (its relative standard error is sqrt(0.8 / 60000) ~ 0.4%).
        assertEquals(2.0 / 500, variance(values), 0.02 * 2.0 / 500);
        assertEquals(0, mean(values), 5 * Math.sqrt(2.0 / 500 / values.length));
    }

    @Test
    void heNormalHasVarianceTwoOverFanIn() {
        // fanIn = 250: variance 2 / 250 = 0.008; 50 000 draws, relative standard error
        // sqrt(2 / 50000) ~ 0.6%, so a 3% band is about five standard errors.
        Tensor w = Init.HE_NORMAL.weight(250, 200, new SplittableRandom(2));
        assertEquals("[200, 250]", w.shape().toString());
        double[] values = w.toArray();
        assertEquals(2.0 / 250, variance(values), 0.03 * 2.0 / 250);
        assertEquals(0, mean(values), 5 * Math.sqrt(2.0 / 250 / values.length));
    }

    @Test
    void zerosAreZero() {
        assertTrue(Init.ZEROS.weight(3, 2, new SplittableRandom(0))
                .allClose(Tensor.zeros(2, 3), 0, 0));
    }

    @Test
    void equalSeedsGiveEqualWeights() {
        for (Init init : Init.values()) {
            Tensor a = init.weight(5, 4, new SplittableRandom(7));
            Tensor b = init.weight(5, 4, new SplittableRandom(7));
            assertTrue(a.allClose(b, 0, 0), init.toString());
        }
        assertFalse(Init.HE_NORMAL.weight(5, 4, new SplittableRandom(7))
                .allClose(Init.HE_NORMAL.weight(5, 4, new SplittableRandom(8)), 0, 0));
    }

    @Test
    void nonPositiveFansAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Init.GLOROT_UNIFORM.weight(0, 3, new SplittableRandom(0)));
        assertEquals("init: fanIn and fanOut must be positive, got 0 and 3", e.getMessage());
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double variance(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return sum / values.length;
    }
}
