package jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.datasets.io.Idx;
import jgrad.datasets.io.NdArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    private static final String ABSENT = "Fashion-MNIST is not installed in "
            + Datasets.FASHION_MNIST_DIRECTORY + ": " + Datasets.FASHION_MNIST_HOWTO;

    @TempDir
    Path directory;

    @Test
    void debiansFashionMnistHasSixtyThousandTrainingAndTenThousandTestImages() {
        assumeTrue(Datasets.hasFashionMnist(Datasets.FASHION_MNIST_DIRECTORY), ABSENT);
        TrainTest fashion = Datasets.fashionMnist();
        assertEquals(Shape.of(60000, 784), fashion.train().features().shape());
        assertEquals(Shape.of(10000, 784), fashion.test().features().shape());
        assertEquals(Datasets.FASHION_MNIST_CLASSES, fashion.train().classNames());
        int[] perClass = new int[10];
        Arrays.fill(perClass, 6000);
        assertArrayEquals(perClass, StratifiedSplitTest.classCounts(fashion.train()));
        Arrays.fill(perClass, 1000);
        assertArrayEquals(perClass, StratifiedSplitTest.classCounts(fashion.test()));
        // The first training image is an ankle boot, the first test images an ankle boot,
        // a pullover and two trousers (as NumPy reads the same files).
        assertEquals(9, fashion.train().labels().get(0));
        assertEquals("Ankle boot", fashion.test().labelEncoder().decode(
                fashion.test().labels().get(0)));
        assertEquals(2, fashion.test().labels().get(1));
        double[] pixels = fashion.test().features().toArray();
        assertEquals(0.0, Arrays.stream(pixels).min().orElseThrow());
        assertEquals(255.0, Arrays.stream(pixels).max().orElseThrow());
        assertTrue(fashion.toString().startsWith("TrainTest[train 60000, test 10000 samples; 784"
                + " features; 10 classes [T-shirt/top, Trouser,"), fashion.toString());
    }

    @Test
    void float32FeaturesHoldTheSamePixels() {
        assumeTrue(Datasets.hasFashionMnist(Datasets.FASHION_MNIST_DIRECTORY), ABSENT);
        TrainTest fashion = Datasets.fashionMnist(Datasets.FASHION_MNIST_DIRECTORY, DType.FLOAT32);
        assertEquals(DType.FLOAT32, fashion.test().features().dtype());
        NdArray raw = Idx.read(Datasets.FASHION_MNIST_DIRECTORY.resolve(
                "t10k-images-idx3-ubyte.gz"));
        assertArrayEquals(raw.toDoubleArray(), fashion.test().features().toArray(), 0.0);
    }

    @Test
    void anAbsentFolderSaysHowToGetTheData() {
        assertTrue(!Datasets.hasFashionMnist(directory));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Datasets.fashionMnist(directory));
        assertTrue(e.getCause() instanceof NoSuchFileException, e.toString());
        assertTrue(e.getMessage().contains(directory.toString())
                && e.getMessage().contains("train-images-idx3-ubyte.gz")
                && e.getMessage().contains("apt-get install dataset-fashion-mnist")
                && e.getMessage().contains("zalandoresearch"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Datasets.fashionMnist(directory, DType.INT32));
    }

    @Test
    void anyFolderWithTheFourFilesWorksCompressedOrNot() throws IOException {
        // A tiny stand-in: 3 training and 2 test images of 2x2 pixels, plain and gzipped files.
        Idx.write(NdArray.ofUnsignedBytes(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
                3, 2, 2), directory.resolve("train-images-idx3-ubyte.gz"));
        Idx.write(NdArray.ofUnsignedBytes(new byte[] {9, 0, 3}, 3),
                directory.resolve("train-labels-idx1-ubyte"));
        Idx.write(NdArray.ofUnsignedBytes(new byte[] {(byte) 255, 0, 0, 1, 2, 2, 2, 2}, 2, 2, 2),
                directory.resolve("t10k-images-idx3-ubyte"));
        Idx.write(NdArray.ofUnsignedBytes(new byte[] {1, 1}, 2),
                directory.resolve("t10k-labels-idx1-ubyte.gz"));
        assertTrue(Datasets.hasFashionMnist(directory));
        TrainTest tiny = Datasets.fashionMnist(directory);
        assertEquals(Shape.of(3, 4), tiny.train().features().shape());
        assertArrayEquals(new double[] {255, 0, 0, 1, 2, 2, 2, 2},
                tiny.test().features().toArray(), 0.0);
        assertEquals("Trouser", tiny.test().labelEncoder().decode(tiny.test().labels().get(0)));
        Files.delete(directory.resolve("t10k-labels-idx1-ubyte.gz"));
        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> Datasets.fashionMnist(directory));
        assertTrue(missing.getMessage().contains("t10k-labels-idx1-ubyte"), missing.getMessage());
    }
}
