package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Pins the bundled files. Expected label counts and feature sums were computed from the files in
 * ../shared/data with:
 * <pre>
 * tail -n +2 iris.csv | awk -F, '{print $NF}' | sort | uniq -c
 * tail -n +2 iris.csv | awk -F, '{for(i=1;i&lt;NF;i++) s+=$i} END {printf "%.10f\n", s}'
 * zcat digits.csv.gz | awk -F, '{print $NF}' | sort -n | uniq -c      (likewise for the sums)
 * </pre>
 */
class DatasetsTest {

    @Test
    void irisHas150SamplesOf4FeaturesIn3ClassesOf50() {
        Dataset iris = Datasets.iris();
        assertEquals(Shape.of(150, 4), iris.features().shape());
        assertEquals(DType.FLOAT64, iris.features().dtype());
        assertEquals(ImmutableList.of("setosa", "versicolor", "virginica"), iris.classNames());
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, row(iris, 0), 0.0);
        assertEquals(0, iris.labels().get(0));
        assertArrayEquals(new double[] {5.9, 3.0, 5.1, 1.8}, row(iris, 149), 0.0);
        assertEquals(2, iris.labels().get(149));
        assertArrayEquals(new int[] {50, 50, 50}, labelCounts(iris));
        assertEquals(2078.7, sum(iris), 1e-9);
    }

    @Test
    void digitsHas1797SamplesOf64PixelsIn10Classes() {
        Dataset digits = Datasets.digits();
        assertEquals(Shape.of(1797, 64), digits.features().shape());
        assertEquals(ImmutableList.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                digits.classNames());
        assertArrayEquals(new double[] {
                0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0,
                0, 4, 12, 0, 0, 8, 8, 0, 0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0,
                0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0}, row(digits, 0), 0.0);
        assertEquals(0, digits.labels().get(0));
        assertEquals(8, digits.labels().get(1796));
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180},
                labelCounts(digits));
        assertEquals(561718.0, sum(digits), 0.0);
        double[] pixels = digits.features().toArray();
        assertEquals(0.0, Arrays.stream(pixels).min().orElseThrow());
        assertEquals(16.0, Arrays.stream(pixels).max().orElseThrow());
    }

    @Test
    void wineHas178SamplesOf13FeaturesIn3Classes() {
        Dataset wine = Datasets.wine();
        assertEquals(Shape.of(178, 13), wine.features().shape());
        assertEquals(ImmutableList.of("class_0", "class_1", "class_2"), wine.classNames());
        assertArrayEquals(new double[] {14.23, 1.71, 2.43, 15.6, 127, 2.8, 3.06, 0.28, 2.29,
                5.64, 1.04, 3.92, 1065}, row(wine, 0), 0.0);
        assertEquals(0, wine.labels().get(0));
        assertArrayEquals(new int[] {59, 71, 48}, labelCounts(wine));
        assertEquals(159975.2959989998, sum(wine), 1e-7);
    }

    @Test
    void breastCancerHas569SamplesOf30FeaturesIn2Classes() {
        Dataset cancer = Datasets.breastCancer();
        assertEquals(Shape.of(569, 30), cancer.features().shape());
        assertEquals(ImmutableList.of("malignant", "benign"), cancer.classNames());
        assertArrayEquals(new double[] {17.99, 10.38, 122.8, 1001, 0.1184, 0.2776, 0.3001,
                0.1471, 0.2419, 0.07871, 1.095, 0.9053, 8.589, 153.4, 0.006399, 0.04904,
                0.05373, 0.01587, 0.03003, 0.006193, 25.38, 17.33, 184.6, 2019, 0.1622, 0.6656,
                0.7119, 0.2654, 0.4601, 0.1189}, row(cancer, 0), 0.0);
        assertEquals(0, cancer.labels().get(0));
        assertArrayEquals(new int[] {212, 357}, labelCounts(cancer));
        assertEquals(1056474.4596356046, sum(cancer), 1e-6);
    }

    @Test
    void dataSetsAreReadOnceAndShared() {
        assertSame(Datasets.iris(), Datasets.iris());
        assertSame(Datasets.digits(), Datasets.digits());
    }

    @Test
    void attributionShipsBesideTheData() {
        assertNotNull(Datasets.class.getResource("SOURCES.md"));
        String sources = Datasets.sources();
        assertTrue(sources.contains("R.A. Fisher (1936)"), sources);
        assertTrue(sources.contains("Alpaydin"), sources);
        assertTrue(sources.contains("wine_data.csv") && sources.contains("breast_cancer.csv"));
    }

    @Test
    void irisStandardizedHasZeroMeanColumns() {
        // The style guide's REPL example: Datasets.iris().standardized().
        Dataset standardized = Datasets.iris().standardized();
        assertTrue(standardized.features().mean(0, false)
                .allClose(Tensor.zeros(4), 0, 1e-12));
    }

    private static double[] row(Dataset data, int index) {
        int columns = data.numFeatures();
        return Arrays.copyOfRange(
                data.features().toArray(), index * columns, (index + 1) * columns);
    }

    private static int[] labelCounts(Dataset data) {
        int[] counts = new int[data.numClasses()];
        for (int i = 0; i < data.size(); i++) {
            counts[data.labels().get(i)]++;
        }
        return counts;
    }

    private static double sum(Dataset data) {
        double sum = 0;
        for (double value : data.features().toArray()) {
            sum += value;
        }
        return sum;
    }
}
