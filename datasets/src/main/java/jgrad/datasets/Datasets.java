package jgrad.datasets;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import jgrad.datasets.io.Csv;

/**
 * Small real classification data sets bundled as resources of this module, read once and then
 * shared (they are immutable). Their origin and licences are in {@code SOURCES.md} beside them in
 * the jar, also returned by {@link #sources()}; all come as distributed with scikit-learn.
 * Features are float64, in the files' units; standardise them, fitted on a training split, before
 * training ({@link Split#standardized()}).
 *
 * <pre>{@code
 * jshell> Datasets.iris()
 * $1 ==> Dataset[150 samples x 4 features, 3 classes [setosa, versicolor, virginica]]
 * }</pre>
 */
public final class Datasets {

    private static final Supplier<Dataset> IRIS =
            Suppliers.memoize(() -> readWithHeader("iris.csv"));
    private static final Supplier<Dataset> WINE =
            Suppliers.memoize(() -> readWithHeader("wine_data.csv"));
    private static final Supplier<Dataset> BREAST_CANCER =
            Suppliers.memoize(() -> readWithHeader("breast_cancer.csv"));
    private static final Supplier<Dataset> DIGITS = Suppliers.memoize(Datasets::readDigits);

    private Datasets() {}

    /**
     * Fisher's iris flowers (1936): 150 samples x 4 features (sepal length, sepal width, petal
     * length, petal width, in cm), 3 classes of 50 ({@code setosa, versicolor, virginica}).
     */
    public static Dataset iris() {
        return IRIS.get();
    }

    /**
     * Hand-written digits: 1797 samples x 64 features (8x8 grey images, row-major, pixel values
     * 0..16), 10 classes named {@code "0".."9"}. The UCI "Optical Recognition of Handwritten
     * Digits" test set (Alpaydin and Kaynak, 1998).
     */
    public static Dataset digits() {
        return DIGITS.get();
    }

    /**
     * Wines from three cultivars: 178 samples x 13 chemical measurements, 3 classes ({@code
     * class_0, class_1, class_2}). UCI "Wine".
     */
    public static Dataset wine() {
        return WINE.get();
    }

    /**
     * Wisconsin diagnostic breast cancer: 569 samples x 30 features of cell nuclei, 2 classes
     * ({@code malignant, benign}). Wolberg, Street and Mangasarian (1995), UCI.
     */
    public static Dataset breastCancer() {
        return BREAST_CANCER.get();
    }

    /** The attribution of the bundled data sets: the text of {@code SOURCES.md}. */
    public static String sources() {
        try (InputStream in = open("SOURCES.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("datasets: cannot read resource SOURCES.md", e);
        }
    }

    private static Dataset readWithHeader(String name) {
        try (InputStream in = open(name)) {
            return Csv.read(in, resourceName(name));
        } catch (IOException e) {
            throw new UncheckedIOException("datasets: cannot read " + resourceName(name), e);
        }
    }

    private static Dataset readDigits() {
        String name = "digits.csv.gz";
        ImmutableList.Builder<String> classNames = ImmutableList.builder();
        for (int digit = 0; digit < 10; digit++) {
            classNames.add(Integer.toString(digit));
        }
        try (InputStream in = open(name)) {
            return Csv.readWithoutHeader(in, resourceName(name), 64, classNames.build());
        } catch (IOException e) {
            throw new UncheckedIOException("datasets: cannot read " + resourceName(name), e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = Datasets.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(
                    "datasets: resource " + resourceName(name) + " is missing from the jar");
        }
        return in;
    }

    private static String resourceName(String name) {
        return "resource jgrad/datasets/" + name;
    }
}
