package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jgrad.core.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class ScalingPropertiesTest {

    @Property
    void minMaxMapsTrainingDataOntoTheUnitInterval(@ForAll("matrices") Tensor train) {
        Tensor scaled = MinMax.fit(train).apply(train);
        int n = train.shape().dim(0);
        int columns = train.shape().dim(1);
        double[] x = train.toArray();
        double[] y = scaled.toArray();
        for (int j = 0; j < columns; j++) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double v = y[i * columns + j];
                assertTrue(0 <= v && v <= 1, "column " + j + " value " + v);
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
            // The column minimum maps to exactly 0; the maximum to 1 (or the double just below,
            // since division is x * (1 / range)) unless the column is constant.
            assertEquals(0.0, low, 0.0);
            if (isConstant(x, n, columns, j)) {
                assertEquals(0.0, high, 0.0);
            } else {
                assertTrue(high == 1.0 || high == Math.nextDown(1.0), "column max " + high);
            }
        }
    }

    @Property
    void zScoreGivesTrainingColumnsMeanZeroAndStdOne(@ForAll("matrices") Tensor train) {
        Tensor z = ZScore.fit(train).apply(train);
        int n = train.shape().dim(0);
        int columns = train.shape().dim(1);
        double[] x = train.toArray();
        double[] y = z.toArray();
        for (int j = 0; j < columns; j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += y[i * columns + j];
            }
            double mean = sum / n;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                squares += (y[i * columns + j] - mean) * (y[i * columns + j] - mean);
            }
            double std = Math.sqrt(squares / n);
            assertEquals(0.0, mean, 1e-9, "column " + j);
            if (isConstant(x, n, columns, j)) {
                for (int i = 0; i < n; i++) {
                    assertEquals(0.0, y[i * columns + j], 0.0, "constant column " + j);
                }
            } else {
                assertEquals(1.0, std, 1e-9, "column " + j);
            }
        }
    }

    @Property
    void zScoreWithDdofOneGivesSampleStdOne(@ForAll("matrices") Tensor train) {
        int n = train.shape().dim(0);
        if (n < 2) {
            return;
        }
        ZScore population = ZScore.fit(train);
        ZScore sample = ZScore.fit(train, 1);
        // std_1 = std_0 * sqrt(n / (n - 1)); the means are equal.
        assertTrue(sample.mean().allClose(population.mean(), 0, 0));
        assertTrue(sample.std().allClose(population.std().mul(Math.sqrt(n / (n - 1.0))), 1e-12, 0));
    }

    @Property
    void inverseTransformsRoundTrip(@ForAll("matrices") Tensor train,
            @ForAll @IntRange(min = -3, max = 3) int low,
            @ForAll @IntRange(min = 1, max = 5) int width,
            @ForAll @IntRange(min = 0, max = 1) int ddof) {
        // |x| <= 1000 with two decimals: the round trip is exact to a few ulps of 1000.
        MinMax unit = MinMax.fit(train);
        assertTrue(unit.inverse(unit.apply(train)).allClose(train, 0, 1e-9));
        MinMax ranged = MinMax.fit(train, low, low + width);
        assertTrue(ranged.inverse(ranged.apply(train)).allClose(train, 0, 1e-9));
        if (train.shape().dim(0) > ddof) {
            ZScore z = ZScore.fit(train, ddof);
            assertTrue(z.inverse(z.apply(train)).allClose(train, 0, 1e-9));
            // Along the other axis (each row standardised on its own) too.
            if (train.shape().dim(1) > ddof) {
                ZScore rows = ZScore.fit(train, 1, ddof);
                assertTrue(rows.inverse(rows.apply(train)).allClose(train, 0, 1e-9));
            }
        }
    }

    @Property
    void minMaxMapsTrainingDataOntoTheChosenRange(@ForAll("matrices") Tensor train,
            @ForAll @IntRange(min = -3, max = 3) int low,
            @ForAll @IntRange(min = 1, max = 5) int width) {
        double high = low + width;
        for (double v : MinMax.fit(train, low, high).apply(train).toArray()) {
            assertTrue(low - 1e-12 <= v && v <= high + 1e-12, v + " outside [" + low + ", " + high
                    + "]");
        }
    }

    /**
     * Matrices [1..30, 1..6] of values in [-1000, 1000] with two decimals, some columns made
     * constant by copying row 0 down.
     */
    @Provide
    Arbitrary<Tensor> matrices() {
        return Combinators.combine(Arbitraries.integers().between(1, 30),
                Arbitraries.integers().between(1, 6)).flatAs((rows, columns) ->
                Combinators.combine(
                        Arbitraries.doubles().between(-1000, 1000).ofScale(2)
                                .array(double[].class).ofSize(rows * columns),
                        Arbitraries.integers().between(0, (1 << columns) - 1))
                        .as((values, constantColumns) -> {
                            for (int j = 0; j < columns; j++) {
                                if ((constantColumns & (1 << j)) != 0) {
                                    for (int i = 1; i < rows; i++) {
                                        values[i * columns + j] = values[j];
                                    }
                                }
                            }
                            return Tensor.of(values, rows, columns);
                        }));
    }

    private static boolean isConstant(double[] x, int n, int columns, int j) {
        for (int i = 1; i < n; i++) {
            if (x[i * columns + j] != x[j]) {
                return false;
            }
        }
        return true;
    }
}
