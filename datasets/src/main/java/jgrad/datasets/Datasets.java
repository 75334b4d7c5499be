package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jgrad.core.DType;
import jgrad.datasets.io.Csv;
import jgrad.datasets.io.Idx;

/**
 * Real classification data sets: small ones bundled as resources of this module, read once and
 * then shared (they are immutable), and Fashion-MNIST read from where it is installed ({@link
 * #fashionMnist()}). Their origin and licences are in {@code SOURCES.md} beside them in
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

    /** Where Debian's {@code dataset-fashion-mnist} package installs Fashion-MNIST. */
    public static final Path FASHION_MNIST_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** Fashion-MNIST's ten classes, by label (Xiao, Rasul and Vollgraf, 2017). */
    public static final ImmutableList<String> FASHION_MNIST_CLASSES = ImmutableList.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
            "Bag", "Ankle boot");

    /** How to get Fashion-MNIST, for the message when it is absent. */
    public static final String FASHION_MNIST_HOWTO = "install it with `apt-get install"
            + " dataset-fashion-mnist` (Debian and Ubuntu put it in " + FASHION_MNIST_DIRECTORY
            + "), or download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,"
            + " t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz from"
            + " https://github.com/zalandoresearch/fashion-mnist into a folder and call"
            + " Datasets.fashionMnist(folder)";

    private static final ImmutableList<String> FASHION_MNIST_FILES = ImmutableList.of(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte");

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

    /**
     * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017, "Fashion-MNIST: a novel image dataset for
     * benchmarking machine learning algorithms"; MIT licence) from {@link
     * #FASHION_MNIST_DIRECTORY}, where Debian's {@code dataset-fashion-mnist} package puts it;
     * see {@link #fashionMnist(Path, DType)}.
     *
     * @throws UncheckedIOException if the files are absent, saying how to get them
     */
    public static TrainTest fashionMnist() {
        return fashionMnist(FASHION_MNIST_DIRECTORY, DType.FLOAT64);
    }

    /**
     * Fashion-MNIST from {@code folder}, float64 features; see {@link #fashionMnist(Path,
     * DType)}.
     */
    public static TrainTest fashionMnist(Path folder) {
        return fashionMnist(folder, DType.FLOAT64);
    }

    /**
     * Fashion-MNIST read from the four IDX files in {@code folder} (gzip-compressed as
     * distributed, {@code train-images-idx3-ubyte.gz}, or decompressed without the {@code .gz}):
     * 60000 training and 10000 test images of 28x28 grey pixels, 10 classes of clothing ({@link
     * #FASHION_MNIST_CLASSES}), 6000 and 1000 per class. Each image is one row of 784 features,
     * row-major, in pixel units 0..255 of {@code dtype} (float32 halves the memory: about 190 MB
     * instead of 380 MB for the training part); scale them, fitted on the training part, before
     * training ({@link MinMax}). Read anew on each call.
     *
     * @param dtype FLOAT64 or FLOAT32
     * @throws UncheckedIOException wrapping a {@link NoSuchFileException} if a file is absent,
     *     naming it and saying how to get Fashion-MNIST; or if a file cannot be read
     * @throws IllegalArgumentException if a file is not a valid IDX file (naming it) or the
     *     images and labels do not match
     */
    public static TrainTest fashionMnist(Path folder, DType dtype) {
        checkNotNull(folder, "folder");
        checkArgument(dtype != null && dtype.isFloatingPoint(),
                "fashionMnist: dtype must be FLOAT64 or FLOAT32, got %s", dtype);
        List<Path> files = new ArrayList<>();
        for (String name : FASHION_MNIST_FILES) {
            Path compressed = folder.resolve(name + ".gz");
            Path plain = folder.resolve(name);
            if (Files.isRegularFile(compressed)) {
                files.add(compressed);
            } else if (Files.isRegularFile(plain)) {
                files.add(plain);
            } else {
                String message = "datasets: Fashion-MNIST is not in " + folder + " (no "
                        + compressed.getFileName() + " or " + plain.getFileName() + "); "
                        + FASHION_MNIST_HOWTO;
                throw new UncheckedIOException(message,
                        new NoSuchFileException(compressed.toString(), null, message));
            }
        }
        return new TrainTest(
                Idx.readDataset(files.get(0), files.get(1), FASHION_MNIST_CLASSES, dtype),
                Idx.readDataset(files.get(2), files.get(3), FASHION_MNIST_CLASSES, dtype));
    }

    /**
     * Whether the four Fashion-MNIST files are in {@code folder} (compressed or not), so that
     * {@link #fashionMnist(Path)} can read them.
     */
    public static boolean hasFashionMnist(Path folder) {
        checkNotNull(folder, "folder");
        return FASHION_MNIST_FILES.stream().allMatch(name ->
                Files.isRegularFile(folder.resolve(name + ".gz"))
                        || Files.isRegularFile(folder.resolve(name)));
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
