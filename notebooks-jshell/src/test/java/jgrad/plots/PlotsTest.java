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

    // Case B16: non-finite values, empty series and mismatched lengths get an error naming the
    // plot, the series, the index and the value, not XChart's own error or a blank picture.

    @Test
    void b16LinesRefuseNaNAndInfinityNamingTheSeriesIndexAndValue() {
        Tensor x = Tensor.of(0, 1, 2, 3);
        String nan = assertThrows(IllegalArgumentException.class, () -> Plots.lines("t", x,
                ImmutableMap.of("ok", Tensor.of(0, 1, 2, 3),
                        "loss", Tensor.of(1, Double.NaN, 2, Double.NaN)))).getMessage();
        String inf = assertThrows(IllegalArgumentException.class, () -> Plots.lines("t", x,
                ImmutableMap.of("up", Tensor.of(0, 1, Double.NEGATIVE_INFINITY, 3))))
                .getMessage();
        String xNan = assertThrows(IllegalArgumentException.class, () -> Plots.lines("t",
                Tensor.of(0, 1, Double.POSITIVE_INFINITY), ImmutableMap.of("a", Tensor.of(0, 1,
                        2)))).getMessage();

        assertTrue(nan.startsWith("lines: series 'loss' has y[1] = NaN (and 1 more not finite)"),
                nan);
        assertTrue(inf.startsWith("lines: series 'up' has y[2] = -Infinity;"), inf);
        assertTrue(xNan.startsWith("lines: x has x[2] = Infinity;"), xNan);
    }

    @Test
    void b16ShapesThatDoNotMatchAreRefusedBeforeXChartSeesThem() {
        String lengths = assertThrows(IllegalArgumentException.class, () -> Plots.lines("t",
                Tensor.of(0, 1, 2), ImmutableMap.of("short", Tensor.of(0, 1)))).getMessage();
        String empty = assertThrows(IllegalArgumentException.class, () -> Plots.curveWithPath(
                "t", w -> w * w, Tensor.zeros(0))).getMessage();

        assertEquals("lines: series 'short' should have x's shape [3], got [2]", lengths);
        assertTrue(empty.startsWith("curveWithPath: path [n] with n >= 1 expected"), empty);
    }

    @Test
    void b16SaveChecksSeriesANotebookAddedItself() {
        XYChart inf = Plots.lines("mine", Tensor.of(0, 1, 2), ImmutableMap.of("a",
                Tensor.of(0, 1, 2)));
        inf.addSeries("added", new double[] {0, 1, 2}, new double[] {1, Double.POSITIVE_INFINITY,
            2});
        XYChart allNaN = Plots.lines("nothing", Tensor.of(0, 1), ImmutableMap.of("a",
                Tensor.of(0, 1)));
        allNaN.addSeries("gaps only", new double[] {0, 1}, new double[] {Double.NaN,
            Double.NaN});
        Path file = directory.resolve("refused.png");

        String infinite = assertThrows(IllegalArgumentException.class,
                () -> Plots.save(file, 2, List.of(allNaN, inf))).getMessage();
        String blank = assertThrows(IllegalArgumentException.class,
                () -> Plots.save(file, allNaN)).getMessage();

        assertTrue(infinite.startsWith("save: chart 'nothing' (panel 1 of 2): series 'gaps only'"
                + " has no finite y value"), infinite);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Plots.save(file, inf))
                .getMessage().startsWith("save: chart 'mine' (panel 1 of 1): series 'added' has"
                        + " y[1] = Infinity (x = 1.0)"));
        assertTrue(blank.contains("all 2 are NaN"), blank);
        assertFalse(Files.exists(file));
    }

    @Test
    void b16ScatterAndDecisionRegionsNameTheSampleWithANonFiniteFeature() {
        Dataset blobs = twoBlobs();
        double[] features = blobs.features().toArray();
        features[2 * 7 + 1] = Double.NaN;
        Dataset holed = blobs.withFeatures(Tensor.of(features, blobs.size(), 2));
        Dataset none = blobs.subset(ImmutableIntArray.of());

        String scatter = assertThrows(IllegalArgumentException.class,
                () -> Plots.scatter("x", holed, 0, 1)).getMessage();
        String regions = assertThrows(IllegalArgumentException.class,
                () -> Plots.decisionRegions(Mlp.init(new SplittableRandom(0), 2, 2), holed,
                        directory.resolve("r.png"))).getMessage();

        assertTrue(scatter.startsWith("scatter: sample 7 (class 'right') has feature 1 = NaN;"),
                scatter);
        assertTrue(regions.startsWith("decisionRegions: the data set's features has row 7 = ("),
                regions);
        assertTrue(regions.contains(", NaN)"), regions);
        assertEquals("scatter: the data set has no sample", assertThrows(
                IllegalArgumentException.class, () -> Plots.scatter("x", none, 0, 1))
                .getMessage());
    }

    @Test
    void b16ContourAndCurvePathsMustBeFinite() {
        String contour = assertThrows(IllegalArgumentException.class, () -> Plots.contourChart(
                "x", (a, b) -> a * a + b * b, Interval.of(-1, 1), Interval.of(-1, 1),
                Tensor.of(new double[] {1, 1, Double.NaN, 0.5}, 2, 2))).getMessage();
        String path = assertThrows(IllegalArgumentException.class, () -> Plots.curveWithPath(
                "x", w -> w * w, Tensor.of(5, -6, Double.POSITIVE_INFINITY))).getMessage();
        String value = assertThrows(IllegalArgumentException.class, () -> Plots.curveWithPath(
                "x", w -> 1 / w, Tensor.of(1, 0))).getMessage();

        assertTrue(contour.startsWith("contour: path has row 1 = (NaN, 0.5);"), contour);
        assertTrue(path.startsWith("curveWithPath: path has x[2] = Infinity;"), path);
        assertTrue(value.startsWith("curveWithPath: f(path[1]) = f(0.0) = Infinity;"), value);
    }

    @Test
    void b16AFunctionUndefinedSomewhereIsDrawnWithGapsNotedInTheTitle() {
        // log is NaN left of 0 and -Infinity at 0 (the grid holds 0: 401 points on [-2, 2]).
        XYChart chart = Plots.functionAndDerivative("log", Tensor::log, Interval.of(-2, 2));

        assertEquals("log and its derivative (by jgrad) (not finite at 201 of 401 points, left"
                + " out)", chart.getTitle());
        double[] ys = chart.getSeriesMap().get("log").getYData();
        assertTrue(Double.isNaN(ys[0]) && Double.isNaN(ys[200]) && Double.isFinite(ys[201]));
        Figure figure = Plots.save(directory.resolve("log.png"), chart);
        PngCheck.check(figure.file(), Plots.PANEL_WIDTH, Plots.PANEL_HEIGHT);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Plots.functionAndDerivative(
                "nan", t -> t.mul(Double.NaN), Interval.of(0, 1))).getMessage()
                .startsWith("functionAndDerivative: nan is not finite anywhere on [0.0, 1.0]"));
    }

    @Test
    void b16ACurveWhoseFunctionIsInfiniteSomewhereHasAGapThere() {
        XYChart chart = Plots.curveWithPath("pole", w -> Math.abs(w - 2.95) < 0.01
                ? Double.POSITIVE_INFINITY : w * w, Tensor.of(3, 2.9));

        var curve = chart.getSeriesMap().get("f");
        long inBand = java.util.Arrays.stream(curve.getXData())
                .filter(w -> Math.abs(w - 2.95) < 0.01).count();
        long gaps = java.util.Arrays.stream(curve.getYData()).filter(Double::isNaN).count();
        assertTrue(inBand > 0);
        assertEquals(inBand, gaps);
        assertEquals("pole (not finite at " + inBand + " of 401 points, left out)",
                chart.getTitle());
        Figure figure = Plots.save(directory.resolve("pole.png"), chart);
        PngCheck.check(figure.file(), Plots.PANEL_WIDTH, Plots.PANEL_HEIGHT);
    }

    @Test
    void b16ADivergedRunsLearningCurveLeavesOutItsNonFiniteLossesWithANote() {
        ImmutableList.Builder<EpochRecord> epochs = ImmutableList.builder();
        for (int epoch = 1; epoch <= 10; epoch++) {
            double loss = epoch < 6 ? 3.0 * epoch : epoch < 8 ? Double.POSITIVE_INFINITY
                    : Double.NaN;
            epochs.add(new EpochRecord(epoch, loss, loss, 0.1));
        }
        History diverged = new History(epochs.build());

        XYChart loss = Plots.lossChart(ImmutableMap.of("run", diverged));
        Figure figure = Plots.learningCurve(diverged, directory.resolve("diverged.png"));

        assertEquals("loss; 10 not finite from epoch 6, left out", loss.getTitle());
        assertTrue(Double.isNaN(loss.getSeriesMap().get("training").getYData()[5]));
        PngCheck.check(figure.file(), 2 * Plots.PANEL_WIDTH, Plots.PANEL_HEIGHT);
        assertEquals("lossChart: run 'empty' has no epoch, so nothing to draw", assertThrows(
                IllegalArgumentException.class, () -> Plots.lossChart(
                        ImmutableMap.of("empty", History.empty()))).getMessage());
    }

    // Case D24: ReLU's values on a linspace are evenly spaced too; XChart put a tick at every
    // seventh (0, 0.14, ..., 3.640000000000001). Round ticks now: at most a dozen per axis.
    @Test
    void d24ReluIsDrawnWithRoundTicks() {
        XYChart chart = Plots.functionAndDerivative("relu", Tensor::relu, Interval.of(-4, 4));
        BitmapEncoder.getBufferedImage(chart); // lays out the axes

        List<String> labels = yTickLabels(chart);
        assertTrue(labels.size() >= 3 && labels.size() <= 12, labels.toString());
        for (String label : labels) {
            assertTrue(label.matches("-?\\d+(\\.\\d)?"),
                    "tick label " + label + " of " + labels);
        }
    }

    /** The y axis's tick labels after layout, read from XChart's (package-private) internals. */
    private static List<String> yTickLabels(XYChart chart) {
        try {
            Object pair = call(org.knowm.xchart.internal.chartpart.Chart.class, chart,
                    "getAxisPair");
            Object yAxis = call(pair.getClass(), pair, "getLeftMainYAxis");
            Object calculator = call(yAxis.getClass(), yAxis, "getAxisTickCalculator");
            @SuppressWarnings("unchecked")
            List<String> labels = (List<String>) call(
                    org.knowm.xchart.internal.chartpart.AxisTickCalculator.class, calculator,
                    "getTickLabels");
            return labels;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("XChart's axis internals changed: " + e, e);
        }
    }

    private static Object call(Class<?> type, Object target, String method)
            throws ReflectiveOperationException {
        var declared = type.getDeclaredMethod(method);
        declared.setAccessible(true);
        return declared.invoke(target);
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
