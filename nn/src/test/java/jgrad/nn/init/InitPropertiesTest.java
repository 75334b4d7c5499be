package jgrad.nn.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class InitPropertiesTest {

    @Property
    void orthogonalWeightsHaveOrthonormalRowsOrColumnsTimesTheGain(
            @ForAll @IntRange(min = 1, max = 12) int rows,
            @ForAll @IntRange(min = 1, max = 12) int cols,
            @ForAll @DoubleRange(min = 0.1, max = 3) double gain,
            @ForAll long seed) {
        Tensor w = Init.orthogonal(Shape.of(rows, cols), gain, new SplittableRandom(seed));
        Tensor gram = rows <= cols ? w.matmul(w.transpose()) : w.transpose().matmul(w);
        int n = Math.min(rows, cols);
        double[] values = gram.toArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(i == j ? gain * gain : 0, values[i * n + j], 1e-12 * gain * gain);
            }
        }
    }

    @Property(tries = 100)
    void truncatedNormalDrawsStayWithinAnyBounds(
            @ForAll @DoubleRange(min = -5, max = 5) double mean,
            @ForAll @DoubleRange(min = 0.01, max = 3) double std,
            @ForAll @DoubleRange(min = -10, max = 10) double lowInStds,
            @ForAll @DoubleRange(min = 0.01, max = 6) double widthInStds,
            @ForAll long seed) {
        double low = mean + lowInStds * std;
        double high = low + widthInStds * std;
        double[] values = Init.truncatedNormal(Shape.of(500), mean, std, low, high,
                new SplittableRandom(seed)).toArray();
        for (double value : values) {
            assertTrue(low <= value && value <= high, value + " outside [" + low + ", " + high
                    + "]");
        }
    }

    @Property
    void fansOfAKernelShareItsReceptiveField(
            @ForAll @IntRange(min = 1, max = 64) int out,
            @ForAll @IntRange(min = 1, max = 64) int in,
            @ForAll @IntRange(min = 1, max = 7) int kh,
            @ForAll @IntRange(min = 1, max = 7) int kw) {
        Fans fans = Fans.of(Shape.of(out, in, kh, kw));
        assertEquals(in * kh * kw, fans.fanIn());
        assertEquals(out * kh * kw, fans.fanOut());
    }
}
