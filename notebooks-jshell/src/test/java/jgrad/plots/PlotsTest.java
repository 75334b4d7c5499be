package jgrad.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.primitives.ImmutableIntArray;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import jgrad.core.Tensor;
import jgrad.datasets.Dataset;
import jgrad.nn.Activation;
import jgrad.nn.Mlp;
import jgrad.nn.train.EpochRecord;
import jgrad.nn.train.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

class PlotsTest {

    @TempDir
    Path directory;

    private static History history() {
        ImmutableList.Builder<EpochRecord> epochs = ImmutableList.builder();
        for (int epoch = 1; epoch <= 20; epoch++) {
            epochs.add(new EpochRecord(epoch, 2.0 / epoch, 1.5 / epoch + 0.01 * epoch,
                    0.5 + 0.02 * epoch));
        }
        return new History(epochs.build());
    }

    private static Dataset twoBlobs() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 60;
        double[] features = new double[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            features[2 * i] = (labels[i] == 0 ? -1 : 1) + 0.3 * rng.nextGaussian();
            features[2 * i + 1] = (labels[i] == 0 ? -1 : 1) + 0.3 * rng.nextGaussian();
        }
        return new Dataset(Tensor.of(features, n, 2), ImmutableIntArray.copyOf(labels),
                ImmutableList.of("left", "right"));
    }

    @Test
    void learningCurveWritesTwoPanelsThatAreNotBlank() {
        Figure figure = Plots.learningCurve(history(), directory.resolve("curve.png"));

        assertEquals(2 * Plots.PANEL_WIDTH, figure.width());
        assertEquals(Plots.PANEL_HEIGHT, figure.height());
        PngCheck.check(figure.file(), figure.width(), figure.height());
        assertEquals("figure: " + figure.file() + " (1120 x 420 px)", figure.toString());
    }

    @Test
    void contourDrawsTheLevelsThePathAndTheMinimum() {
        Tensor path = Tensor.of(new double[] {2, 4, 1.6, 3.2, 1.28, 2.56}, 3, 2);
        XYChart chart = Plots.contourChart("bowl", (a, b) -> a * a + b * b,
                Interval.of(-5, 5), Interval.of(-5, 5), path);

        long levels = chart.getSeriesMap().keySet().stream()
                .filter(name -> name.startsWith("f = ")).count();
        assertEquals(Plots.CONTOUR_LEVELS, levels);
        // The grid is odd and symmetric, so it holds the minimum (0, 0) exactly.
        var lowest = chart.getSeriesMap().get("lowest value on the grid");
        assertEquals(0.0, lowest.getXData()[0], 1e-12);
        assertEquals(0.0, lowest.getYData()[0], 1e-12);
        assertTrue(chart.getSeriesMap().containsKey("path arrows"));
        Figure figure = Plots.save(directory.resolve("contour.png"), chart);
        PngCheck.check(figure.file(), Plots.CONTOUR_WIDTH, Plots.PANEL_HEIGHT);
    }

    @Test
    void contourLevelsLieOnTheFunctionsLevelSets() {
        XYChart chart = Plots.contourChart("bowl", (a, b) -> a * a + b * b,
                Interval.of(-2, 2), Interval.of(-2, 2), Tensor.zeros(0, 2));

        chart.getSeriesMap().forEach((name, series) -> {
            if (!name.startsWith("f = ")) {
                return;
            }
            double level = Double.parseDouble(name.substring(4));
            double[] xs = series.getXData();
            double[] ys = series.getYData();
            for (int i = 0; i < xs.length; i++) {
                if (!Double.isNaN(ys[i])) {
                    // r^2 interpolated linearly on cells of 4/120: within 1e-3 of the level.
                    assertEquals(level, xs[i] * xs[i] + ys[i] * ys[i], 2e-3, name);
                }
            }
        });
    }

    @Test
    void curveWithPathMarksEveryPointOnTheCurve() {
        XYChart chart = Plots.curveWithPath("w^2", w -> w * w, Tensor.of(5, 1, 0.2));

        var path = chart.getSeriesMap().get("path");
        assertEquals(List.of(5.0, 1.0, 0.2), List.of(path.getXData()[0], path.getXData()[1],
                path.getXData()[2]));
        assertEquals(25.0, path.getYData()[0], 1e-12);
        assertEquals(0.04, path.getYData()[2], 1e-12);
        Figure figure = Plots.save(directory.resolve("descent.png"), chart);
        PngCheck.check(figure.file(), Plots.PANEL_WIDTH, Plots.PANEL_HEIGHT);
    }

    @Test
    void derivativeIsTakenByJgrad() {
        XYChart chart = Plots.functionAndDerivative("tanh", Tensor::tanh, Interval.of(-3, 3));

        var derivative = chart.getSeriesMap().get("tanh'");
        double[] xs = derivative.getXData();
        double[] ys = derivative.getYData();
        for (int i = 0; i < xs.length; i += 50) {
            double t = Math.tanh(xs[i]);
            assertEquals(1 - t * t, ys[i], 1e-12);
        }
    }

    @Test
    void decisionRegionsSplitTwoBlobsAndAreNotBlank() {
        Dataset data = twoBlobs();
        // A fixed linear model: class 1 where x + y > 0.
        jgrad.nn.Layer model = new jgrad.nn.Layer() {
            @Override
            public Tensor apply(Tensor input) {
                return input.matmul(Tensor.of(new double[] {-1, 1, -1, 1}, 2, 2));
            }

            @Override
            public jgrad.core.Params params() {
                return jgrad.core.Params.of();
            }

            @Override
            public jgrad.nn.Layer withParams(jgrad.core.Params params) {
                return this;
            }
        };
        XYChart chart = Plots.decisionRegionsChart("blobs", model, data);

        for (String region : List.of("region 0", "region 1")) {
            var series = chart.getSeriesMap().get(region);
            double[] xs = series.getXData();
            double[] ys = series.getYData();
            for (int i = 0; i < xs.length; i++) {
                boolean positive = xs[i] + ys[i] > 0;
                assertEquals(region.equals("region 1"), positive || xs[i] + ys[i] == 0,
                        region + " at " + xs[i] + ", " + ys[i]);
            }
        }
        Figure figure = Plots.save(directory.resolve("regions.png"), chart);
        PngCheck.check(figure.file(), Plots.PANEL_WIDTH, Plots.PANEL_HEIGHT);
    }

    @Test
    void decisionRegionsOfATrainedMlpAreWritten() {
        Figure figure = Plots.decisionRegions(
                Mlp.init(new SplittableRandom(0), Activation.TANH, 2, 8, 2), twoBlobs(),
                directory.resolve("mlp.png"));

        PngCheck.check(figure.file(), figure.width(), figure.height());
    }

    @Test
    void scatterAndLinesAndPanelsInAGrid() {
        XYChart scatter = Plots.scatter("blobs", twoBlobs(), 0, 1);
        XYChart lines = Plots.lines("two lines", Tensor.of(0, 1, 2),
                ImmutableMap.of("a", Tensor.of(0, 1, 4), "b", Tensor.of(1, 1, 1)));
        Figure figure = Plots.save(directory.resolve("grid.png"), 2,
                List.of(scatter, lines, scatter));

        assertEquals(2 * Plots.PANEL_WIDTH, figure.width());
        assertEquals(2 * Plots.PANEL_HEIGHT, figure.height());
        PngCheck.check(figure.file(), figure.width(), figure.height());
    }

    @Test
    void aChartWithoutSeriesCountsAsBlank() {
        XYChart empty = new XYChartBuilder().width(300).height(200).title("nothing").build();
        var grey = empty.addSeries("grey", new double[] {0, 1}, new double[] {0, 1});
        grey.setLineColor(java.awt.Color.GRAY);
        grey.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        BufferedImage image = BitmapEncoder.getBufferedImage(empty);

        assertTrue(PngCheck.measure(image).colouredShare() < PngCheck.MIN_COLOURED_SHARE);
    }

    @Test
    void savingReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = directory.resolve("sub/folder/twice.png");
        Plots.save(file, Plots.scatter("one", twoBlobs(), 0, 1));
        Plots.save(file, 1, List.of(Plots.scatter("two", twoBlobs(), 0, 1),
                Plots.scatter("three", twoBlobs(), 1, 0)));

        PngCheck.check(file, Plots.PANEL_WIDTH, 2 * Plots.PANEL_HEIGHT);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path folder = Files.createDirectories(directory.resolve("blocked"));
        Path file = folder.resolve("keep.png");
        Files.writeString(file, "old");
        // A directory where the file should go: the move fails, the old content stays.
        Path target = Files.createDirectories(folder.resolve("dir.png"));
        Files.writeString(target.resolve("inside"), "x");

        assertThrows(UncheckedIOException.class,
                () -> Plots.save(target, Plots.scatter("x", twoBlobs(), 0, 1)));
        assertEquals("old", Files.readString(file));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(2, files.count(), "only keep.png and dir.png");
        }
    }

    @Test
    void badArgumentsAreRefusedNamingTheOperation() {
        Dataset data = twoBlobs();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Plots.save(directory.resolve("x.jpg"), Plots.scatter("x", data, 0, 1)))
                .getMessage().contains("save: a .png file expected"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Plots.contourChart("x", Double::sum, Interval.of(0, 1), Interval.of(0, 1),
                        Tensor.zeros(3)))
                .getMessage().contains("contour: path [n, 2] expected, got [3]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Plots.scatter("x", data, 0, 2))
                .getMessage().startsWith("scatter:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Interval.of(1, 1)).getMessage().contains("[1.0, 1.0]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Plots.figure("../up.png")).getMessage().contains("no folders"));
        assertFalse(Files.exists(directory.resolve("x.jpg")));
    }

    @Test
    void figureDirectoryFollowsTheProperty() {
        String old = System.getProperty(Plots.FIGURES_PROPERTY);
        try {
            System.setProperty(Plots.FIGURES_PROPERTY, directory.toString());
            assertEquals(directory.resolve("a.png"), Plots.figure("a.png"));
            System.clearProperty(Plots.FIGURES_PROPERTY);
            assertEquals(Path.of("target", "figures", "a.png"), Plots.figure("a.png"));
        } finally {
            if (old != null) {
                System.setProperty(Plots.FIGURES_PROPERTY, old);
            }
        }
    }
}
