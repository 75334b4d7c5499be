package jgrad.plots;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.primitives.ImmutableIntArray;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import javax.imageio.ImageIO;
import jgrad.core.Autodiff;
import jgrad.core.Tensor;
import jgrad.datasets.Dataset;
import jgrad.nn.Layer;
import jgrad.nn.train.History;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plots the notebooks draw, as PNG files: each {@code ...Chart} function returns an XChart
 * {@link XYChart} of one panel ({@value #PANEL_WIDTH} x {@value #PANEL_HEIGHT} pixels) that a
 * notebook may adjust (axis titles, ranges) before {@link #save(Path, int, List)} writes one or
 * more panels to a file; the other functions draw and save in one call. Files are written
 * atomically (a temporary file in the same folder, then a move), their folder is created when
 * missing, and each call returns the {@link Figure} it wrote, which prints as
 * {@code figure: FILE (WIDTH x HEIGHT px)}.
 *
 * <p>Values a notebook gives (a series, a path, a data set's features, a model's output) must be
 * finite: a NaN or an infinite value is refused with an {@link IllegalArgumentException} naming
 * the plot, the series, the index and the value, as are empty series and x and y of different
 * lengths. Two kinds of values leave gaps instead, noted in the panel's title: samples of a
 * function that the plot takes itself ({@link #curveWithPath}, {@link #functionAndDerivative},
 * {@link #contourChart}), where a function may be undefined somewhere, and the losses and
 * accuracies of a {@link History}, where a run that diverged is what one wants to see.
 * {@link #save} checks every series of every chart, including those a notebook added itself.
 *
 * <p>Drawing needs no display: in a JVM without one (a server, CI, the notebook runner's JShell
 * VM, which starts with {@code -Djava.awt.headless=true}) the charts are rendered into images.
 *
 * <pre>{@code
 * jshell> Plots.learningCurve(fit.history(), Plots.figure("digits.png"))
 * $1 ==> figure: target/figures/digits.png (1120 x 420 px)
 * }</pre>
 */
public final class Plots {

    /** The system property naming the folder of {@link #figure(String)}. */
    public static final String FIGURES_PROPERTY = "jgrad.figures";

    /** The width of one panel, in pixels. */
    public static final int PANEL_WIDTH = 560;

    /** The height of one panel, in pixels. */
    public static final int PANEL_HEIGHT = 420;

    /** The width of a {@link #contourChart}, whose plot area is nearly square, in pixels. */
    public static final int CONTOUR_WIDTH = 460;

    /** How many contour lines {@link #contourChart} draws. */
    public static final int CONTOUR_LEVELS = 12;

    // Samples per axis: of a curve, of a contour grid, of a decision-region grid.
    private static final int CURVE_SAMPLES = 401;
    private static final int CONTOUR_GRID = 121;
    private static final int REGION_GRID = 120;
    // Above this many pixels a figure is refused before anything is allocated.
    private static final long MAX_PIXELS = 50_000_000L;
    // The share of a panel the plot area takes, roughly, for arrowheads and region cells.
    private static final double PLOT_WIDTH_SHARE = 0.80;
    private static final double PLOT_HEIGHT_SHARE = 0.72;
    private static final double ARROW_PIXELS = 11;
    private static final double ARROW_ANGLE = Math.toRadians(24);

    // Ten distinct class and series colours (the "tab10" palette).
    private static final ImmutableList<Color> COLORS = ImmutableList.of(
            new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf));
    private static final Color PATH_COLOR = new Color(0xd62728);
    private static final Color MINIMUM_COLOR = new Color(0x111111);
    // Contour levels run from dark blue through teal to yellow, low to high.
    private static final ImmutableList<Color> LEVEL_STOPS = ImmutableList.of(
            new Color(0x440154), new Color(0x21918c), new Color(0xe0c000));

    private Plots() {
    }

    // ---------------------------------------------------------------------------------------
    // Where figures go

    /**
     * The folder figures go to: the system property {@value #FIGURES_PROPERTY} if set, else
     * {@code target/figures} under the working directory. The notebook runner and
     * {@code ./notebook} pass the property on to the JShell VM.
     */
    public static Path figureDirectory() {
        String configured = System.getProperty(FIGURES_PROPERTY);
        return configured == null || configured.isBlank()
                ? Path.of("target", "figures")
                : Path.of(configured);
    }

    /**
     * The path of a figure file in {@link #figureDirectory()}.
     *
     * @throws IllegalArgumentException if {@code fileName} is not a plain file name ending in
     *     {@code .png}
     */
    public static Path figure(String fileName) {
        checkNotNull(fileName, "figure: fileName is null");
        checkArgument(!fileName.contains("/") && !fileName.contains("\\")
                        && fileName.toLowerCase(Locale.ROOT).endsWith(".png"),
                "figure: a file name ending in .png expected (no folders), got '%s'", fileName);
        return figureDirectory().resolve(fileName);
    }

    // ---------------------------------------------------------------------------------------
    // Functions of one variable

    /**
     * A curve {@code y = f(x)} with a path of points on it, {@code (path[k], f(path[k]))}, joined
     * by arrows in order: gradient descent on a function of one weight. The x range holds the
     * path with a margin of 15 %.
     *
     * <p>Shapes: {@code path [n]}, {@code n >= 1}.
     *
     * <p>Where {@code f} is not finite on the curve, the curve has a gap, and the title says at
     * how many of its 401 points.
     *
     * @throws IllegalArgumentException if {@code path} is not of rank 1 or is empty, a point of
     *     the path or {@code f} there is not finite, or {@code f} is finite nowhere on the curve
     */
    public static XYChart curveWithPath(String title, DoubleUnaryOperator f, Tensor path) {
        checkNotNull(f, "curveWithPath: f is null");
        checkArgument(path.rank() == 1 && path.size() >= 1,
                "curveWithPath: path [n] with n >= 1 expected, got %s", path.shape());
        double[] ws = path.toArray();
        SeriesCheck.requireFinite("curveWithPath", "path", "x", ws);
        double[] losses = new double[ws.length];
        for (int k = 0; k < ws.length; k++) {
            losses[k] = f.applyAsDouble(ws[k]);
            checkArgument(Double.isFinite(losses[k]),
                    "curveWithPath: f(path[%s]) = f(%s) = %s; the path's points must have"
                            + " finite values to be drawn", k, ws[k], losses[k]);
        }
        Interval x = Interval.around(ws, 0.15);
        double[] xs = x.linspace(CURVE_SAMPLES);
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ys[i] = f.applyAsDouble(xs[i]);
        }
        int gaps = SeriesCheck.gapsForNonFinite(ys);
        checkArgument(gaps < ys.length, "curveWithPath: f is not finite anywhere on %s", x);
        XYChart chart = newChart(withGapNote(title, gaps, ys.length), "x", "f(x)");
        XYSeries curve = chart.addSeries("f", xs, ys);
        curve.setMarker(SeriesMarkers.NONE);
        curve.setLineColor(COLORS.get(0));
        chart.getStyler().setXAxisMin(x.low()).setXAxisMax(x.high());
        preferRoundTicks(chart, xs);
        Interval y = Interval.around(concat(ys, losses), 0.05);
        addPath(chart, ws, losses, x, y);
        return chart;
    }

    /**
     * Lines {@code y = series(x)}, one per entry of {@code series}, in its iteration order.
     *
     * <p>Shapes: {@code x [n]}, each series {@code [n]}, {@code n >= 2}.
     *
     * @throws IllegalArgumentException if a shape differs from {@code [n]}, there is no series,
     *     or a value of {@code x} or of a series is NaN or infinite (the message names the
     *     series, the index and the value)
     */
    public static XYChart lines(String title, Tensor x, Map<String, Tensor> series) {
        checkArgument(x.rank() == 1 && x.size() >= 2,
                "lines: x [n] with n >= 2 expected, got %s", x.shape());
        checkArgument(!series.isEmpty(), "lines: no series");
        double[] xs = x.toArray();
        SeriesCheck.requireFinite("lines", "x", "x", xs);
        Map<String, double[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> entry : series.entrySet()) {
            Tensor y = entry.getValue();
            checkNotNull(y, "lines: series '%s' is null", entry.getKey());
            checkArgument(y.shape().equals(x.shape()),
                    "lines: series '%s' should have x's shape %s, got %s",
                    entry.getKey(), x.shape(), y.shape());
            double[] ys = y.toArray();
            SeriesCheck.requireFinite("lines", "series '" + entry.getKey() + "'", "y", ys);
            values.put(entry.getKey(), ys);
        }
        return linesChart(title, xs, values);
    }

    private static XYChart linesChart(String title, double[] xs, Map<String, double[]> series) {
        XYChart chart = newChart(title, "x", "y");
        int index = 0;
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            XYSeries line = chart.addSeries(entry.getKey(), xs, entry.getValue());
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(COLORS.get(index % COLORS.size()));
            line.setLineStyle(SeriesLines.SOLID);
            index++;
        }
        chart.getStyler().setXAxisMin(xs[0]).setXAxisMax(xs[xs.length - 1]);
        preferRoundTicks(chart, xs);
        return chart;
    }

    /**
     * An elementwise function and its derivative, both on {@code x}: {@code f(x)} and
     * {@code f'(x) = grad(t -> f(t).sum(), x)}, taken by {@link Autodiff#grad} (for an elementwise
     * {@code f}, the gradient of the sum is the derivative at each element). Drawn at 401
     * points; at a kink the derivative jumps between neighbouring points. Where {@code f} or
     * its derivative is not finite, its line has a gap, and the title says at how many points.
     *
     * @param name the function's name, in the title and the legend
     * @param f an elementwise function: {@code [n] -> [n]}
     * @param x the interval drawn
     * @throws IllegalArgumentException if {@code f} does not keep the shape, or {@code f} or its
     *     derivative is finite nowhere on {@code x}
     */
    public static XYChart functionAndDerivative(String name, Function<Tensor, Tensor> f,
            Interval x) {
        checkNotNull(f, "functionAndDerivative: f is null");
        Tensor xs = Tensor.of(x.linspace(CURVE_SAMPLES));
        Tensor ys = f.apply(xs);
        checkArgument(ys.shape().equals(xs.shape()),
                "functionAndDerivative: an elementwise f expected ([n] -> [n]), got %s -> %s",
                xs.shape(), ys.shape());
        Tensor derivative = Autodiff.grad(t -> f.apply(t).sum(), xs);
        double[] values = ys.toArray();
        double[] slopes = derivative.toArray();
        int gaps = 0;
        for (int i = 0; i < values.length; i++) {
            gaps += Double.isFinite(values[i]) && Double.isFinite(slopes[i]) ? 0 : 1;
        }
        checkArgument(SeriesCheck.gapsForNonFinite(values) < values.length,
                "functionAndDerivative: %s is not finite anywhere on %s", name, x);
        checkArgument(SeriesCheck.gapsForNonFinite(slopes) < slopes.length,
                "functionAndDerivative: the derivative of %s is not finite anywhere on %s",
                name, x);
        XYChart chart = linesChart(
                withGapNote(name + " and its derivative (by jgrad)", gaps, values.length),
                xs.toArray(), ImmutableMap.of(name, values, name + "'", slopes));
        chart.getSeriesMap().get(name + "'").setLineStyle(SeriesLines.DASH_DASH);
        return chart;
    }

    // ---------------------------------------------------------------------------------------
    // Functions of two variables

    /**
     * Contour lines of {@code f} over {@code x} by {@code y}, with a path drawn as arrows and the
     * lowest value on the grid marked: gradient descent on a function of two weights. The
     * function is sampled on a 121 x 121 grid; the {@value #CONTOUR_LEVELS} levels are spaced
     * quadratically between the grid's minimum and maximum ({@code min + (max - min) (k / 13)^2},
     * k = 1..12), so that a quadratic bowl gets evenly spaced rings. Lines run from dark blue
     * (low) to yellow (high). Non-finite values leave gaps.
     *
     * <p>Shapes: {@code path [n, 2]}, each row a point {@code (x, y)}; {@code n} may be 0.
     *
     * @throws IllegalArgumentException if {@code path} is not {@code [n, 2]}, or {@code f} has
     *     no finite value on the grid
     */
    public static XYChart contourChart(String title, DoubleBinaryOperator f, Interval x,
            Interval y, Tensor path) {
        checkNotNull(f, "contour: f is null");
        checkArgument(path.rank() == 2 && path.shape().dim(1) == 2,
                "contour: path [n, 2] expected, got %s", path.shape());
        requireFinitePoints("contour", "path", path.toArray());
        double[] xs = x.linspace(CONTOUR_GRID);
        double[] ys = y.linspace(CONTOUR_GRID);
        double[][] z = new double[ys.length][xs.length];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int minI = -1;
        int minJ = -1;
        for (int j = 0; j < ys.length; j++) {
            for (int i = 0; i < xs.length; i++) {
                double value = f.applyAsDouble(xs[i], ys[j]);
                z[j][i] = value;
                if (Double.isFinite(value)) {
                    if (value < min) {
                        min = value;
                        minI = i;
                        minJ = j;
                    }
                    max = Math.max(max, value);
                }
            }
        }
        checkArgument(minI >= 0, "contour: f has no finite value on %s x %s", x, y);
        // Narrower than a panel, so that the plot area is nearly square and circles look round.
        XYChart chart = newChart(title, "x", "y", CONTOUR_WIDTH);
        chart.getStyler().setXAxisMin(x.low()).setXAxisMax(x.high())
                .setYAxisMin(y.low()).setYAxisMax(y.high())
                .setLegendPosition(Styler.LegendPosition.InsideSW);
        for (int k = 1; k <= CONTOUR_LEVELS; k++) {
            double share = (double) k / (CONTOUR_LEVELS + 1);
            double level = min + (max - min) * share * share;
            List<double[]> segments = ContourLines.segments(xs, ys, z, level);
            if (segments.isEmpty()) {
                continue;
            }
            double[][] broken = brokenLine(segments);
            XYSeries line = chart.addSeries(String.format(Locale.ROOT, "f = %.4g", level),
                    broken[0], broken[1]);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(levelColor((double) (k - 1) / (CONTOUR_LEVELS - 1)));
            line.setLineWidth(1.2f);
            line.setLineStyle(SeriesLines.SOLID);
            line.setShowInLegend(false);
        }
        if (path.shape().dim(0) > 0) {
            double[] flat = path.toArray();
            double[] px = new double[flat.length / 2];
            double[] py = new double[flat.length / 2];
            for (int k = 0; k < px.length; k++) {
                px[k] = flat[2 * k];
                py[k] = flat[2 * k + 1];
            }
            addPath(chart, px, py, x, y);
        }
        // After the path, so that the mark stays visible where the path ends.
        XYSeries lowest = chart.addSeries("lowest value on the grid",
                new double[] {xs[minI]}, new double[] {ys[minJ]});
        lowest.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        lowest.setMarker(SeriesMarkers.CROSS);
        lowest.setMarkerColor(MINIMUM_COLOR);
        return chart;
    }

    /**
     * Saves {@link #contourChart} with the title "contour lines and path" to {@code file}.
     *
     * @see #contourChart(String, DoubleBinaryOperator, Interval, Interval, Tensor)
     */
    public static Figure contour(DoubleBinaryOperator f, Interval x, Interval y, Tensor path,
            Path file) {
        return save(file, 1, List.of(contourChart("contour lines and path", f, x, y, path)));
    }

    // ---------------------------------------------------------------------------------------
    // Data and models

    /**
     * The samples of {@code data} as points, feature {@code xFeature} against feature
     * {@code yFeature}, coloured by class, with the class names in the legend.
     *
     * @throws IllegalArgumentException if a feature index is out of range, the data set has no
     *     sample, or a sample's feature drawn is NaN or infinite (the message names the sample,
     *     its class and the value)
     */
    public static XYChart scatter(String title, Dataset data, int xFeature, int yFeature) {
        checkArgument(0 <= xFeature && xFeature < data.numFeatures()
                        && 0 <= yFeature && yFeature < data.numFeatures(),
                "scatter: features %s and %s of %s expected, got %s and %s",
                0, data.numFeatures() - 1, data.numFeatures(), xFeature, yFeature);
        XYChart chart = newChart(title, "feature " + xFeature, "feature " + yFeature);
        addSamples("scatter", chart, data, xFeature, yFeature);
        return chart;
    }

    /**
     * The classes a model predicts over the plane of a data set's two features, as pale
     * regions, with the samples drawn on top in their class's colour. The model sees a
     * 120 x 120 grid covering the samples with a margin of 10 %; its output is read as logits
     * {@code [n, classes]} (the class is the argmax) or, with one column, as a single logit
     * (class 1 where it is positive).
     *
     * <p>Shapes: {@code data.features() [n, 2]}; {@code model} maps {@code [m, 2]} to
     * {@code [m, classes]} or {@code [m, 1]}.
     *
     * @throws IllegalArgumentException if the data set does not have exactly two features or
     *     no sample, a feature is NaN or infinite, or the model's output is not {@code [m, k]}
     *     or not finite (the message names the sample or the grid point and the value)
     */
    public static XYChart decisionRegionsChart(String title, Layer model, Dataset data) {
        checkNotNull(model, "decisionRegions: model is null");
        checkArgument(data.numFeatures() == 2,
                "decisionRegions: a data set with 2 features expected, got %s",
                data.numFeatures());
        checkArgument(data.size() > 0, "decisionRegions: the data set has no sample");
        double[] features = data.features().toArray();
        requireFinitePoints("decisionRegions", "the data set's features", features);
        double[] fx = new double[data.size()];
        double[] fy = new double[data.size()];
        for (int i = 0; i < data.size(); i++) {
            fx[i] = features[2 * i];
            fy[i] = features[2 * i + 1];
        }
        Interval x = Interval.around(fx, 0.1);
        Interval y = Interval.around(fy, 0.1);
        double[] xs = x.linspace(REGION_GRID);
        double[] ys = y.linspace(REGION_GRID);
        double[] grid = new double[2 * xs.length * ys.length];
        for (int j = 0; j < ys.length; j++) {
            for (int i = 0; i < xs.length; i++) {
                int row = j * xs.length + i;
                grid[2 * row] = xs[i];
                grid[2 * row + 1] = ys[j];
            }
        }
        Tensor output = model.apply(Tensor.of(grid, xs.length * ys.length, 2)
                .cast(data.features().dtype()));
        checkArgument(output.rank() == 2 && output.shape().dim(0) == xs.length * ys.length,
                "decisionRegions: the model should return [m, classes] for [m, 2], got %s",
                output.shape());
        double[] scores = output.toArray();
        int bad = SeriesCheck.firstNonFinite(scores);
        if (bad >= 0) {
            int row = bad / output.shape().dim(1);
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "decisionRegions: the model's output at grid point (%s, %s) is %s in column"
                            + " %d; its class cannot be told", grid[2 * row], grid[2 * row + 1],
                    scores[bad], bad % output.shape().dim(1)));
        }
        double[] predicted = output.shape().dim(1) == 1
                ? output.greater(0.0).reshape(-1).toArray()
                : output.argmax(1).toArray();
        int classes = Math.max(data.numClasses(), output.shape().dim(1));
        XYChart chart = newChart(title, "feature 0", "feature 1");
        chart.getStyler().setXAxisMin(x.low()).setXAxisMax(x.high())
                .setYAxisMin(y.low()).setYAxisMax(y.high());
        int cellPixels = (int) Math.ceil(Math.max(PANEL_WIDTH * PLOT_WIDTH_SHARE / xs.length,
                PANEL_HEIGHT * PLOT_HEIGHT_SHARE / ys.length)) + 1;
        Marker cell = new CellMarker(cellPixels);
        for (int c = 0; c < classes; c++) {
            List<Double> cx = new ArrayList<>();
            List<Double> cy = new ArrayList<>();
            for (int row = 0; row < predicted.length; row++) {
                if ((int) predicted[row] == c) {
                    cx.add(grid[2 * row]);
                    cy.add(grid[2 * row + 1]);
                }
            }
            if (cx.isEmpty()) {
                continue;
            }
            XYSeries region = chart.addSeries("region " + c, cx, cy);
            region.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            region.setMarker(cell);
            region.setMarkerColor(pale(COLORS.get(c % COLORS.size())));
            region.setShowInLegend(false);
        }
        addSamples("decisionRegions", chart, data, 0, 1);
        return chart;
    }

    /**
     * Saves {@link #decisionRegionsChart} with the title "decision regions" to {@code file}.
     *
     * @see #decisionRegionsChart(String, Layer, Dataset)
     */
    public static Figure decisionRegions(Layer model, Dataset data, Path file) {
        return save(file, 1, List.of(decisionRegionsChart("decision regions", model, data)));
    }

    // ---------------------------------------------------------------------------------------
    // Training

    /**
     * Training loss (solid) and validation loss (dashed) by epoch, one colour per run, in the
     * iteration order of {@code runs} (with several runs the legend names the runs, below the
     * plot). The loss axis is logarithmic when every finite loss is positive. A loss that is NaN
     * or infinite (a run that diverged) is left out, a gap in its line, and the title says how
     * many were and from which epoch.
     *
     * @throws IllegalArgumentException if there is no run, a run has no epoch, or no loss of
     *     any run is finite
     */
    public static XYChart lossChart(Map<String, History> runs) {
        checkArgument(!runs.isEmpty(), "lossChart: no runs");
        requireEpochs("lossChart", runs);
        boolean several = runs.size() > 1;
        boolean logarithmic = true;
        int gaps = 0;
        int firstGap = Integer.MAX_VALUE;
        Map<String, double[][]> losses = new LinkedHashMap<>();
        for (Map.Entry<String, History> run : runs.entrySet()) {
            History history = run.getValue();
            double[] epochs = epochs(history);
            double[] train = history.trainLosses().toArray();
            double[] validation = history.validationLosses().toArray();
            for (double[] values : List.of(train, validation)) {
                int first = SeriesCheck.firstNonFinite(values);
                if (first >= 0) {
                    firstGap = Math.min(firstGap, (int) epochs[first]);
                }
                gaps += SeriesCheck.gapsForNonFinite(values);
            }
            logarithmic &= positiveWhereFinite(train) && positiveWhereFinite(validation);
            losses.put(run.getKey(), new double[][] {epochs, train, validation});
        }
        checkArgument(gaps < 2 * losses.values().stream().mapToInt(l -> l[0].length).sum(),
                "lossChart: no loss is finite, so there is nothing to draw (runs %s)",
                runs.keySet());
        // Several runs: one legend entry per run (its training line), the styles in the title.
        String title = several ? "loss (solid: training, dashed: validation)" : "loss";
        XYChart chart = newChart(gaps == 0 ? title : String.format(Locale.ROOT,
                "%s; %d not finite from epoch %d, left out", title, gaps, firstGap),
                "epoch", "loss");
        int index = 0;
        for (Map.Entry<String, double[][]> run : losses.entrySet()) {
            double[] epochs = run.getValue()[0];
            double[] train = run.getValue()[1];
            double[] validation = run.getValue()[2];
            Color color = COLORS.get(index % COLORS.size());
            XYSeries trainSeries = chart.addSeries(several ? run.getKey() : "training", epochs,
                    train);
            // A series without a finite value would leave XChart a blank panel; its gap shows.
            trainSeries.setEnabled(SeriesCheck.firstFinite(train) >= 0);
            trainSeries.setMarker(SeriesMarkers.NONE);
            trainSeries.setLineColor(color);
            trainSeries.setLineStyle(SeriesLines.SOLID);
            XYSeries validationSeries = chart.addSeries(
                    several ? run.getKey() + ": validation" : "validation", epochs, validation);
            validationSeries.setMarker(SeriesMarkers.NONE);
            validationSeries.setLineColor(color);
            validationSeries.setLineStyle(SeriesLines.DASH_DASH);
            validationSeries.setShowInLegend(!several);
            validationSeries.setEnabled(SeriesCheck.firstFinite(validation) >= 0);
            index++;
        }
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        if (several) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        }
        preferRoundTicks(chart, epochs(runs.values().iterator().next()));
        return chart;
    }

    /**
     * Validation accuracy by epoch, one colour per run, in the iteration order of {@code runs}.
     * An accuracy that is NaN or infinite is left out, a gap noted in the title.
     *
     * @throws IllegalArgumentException if there is no run, a run has no epoch, or no accuracy
     *     is finite
     */
    public static XYChart accuracyChart(Map<String, History> runs) {
        checkArgument(!runs.isEmpty(), "accuracyChart: no runs");
        requireEpochs("accuracyChart", runs);
        int gaps = 0;
        int points = 0;
        Map<String, double[]> accuracies = new LinkedHashMap<>();
        for (Map.Entry<String, History> run : runs.entrySet()) {
            double[] values = run.getValue().validationAccuracies().toArray();
            gaps += SeriesCheck.gapsForNonFinite(values);
            points += values.length;
            accuracies.put(run.getKey(), values);
        }
        checkArgument(gaps < points,
                "accuracyChart: no accuracy is finite, so there is nothing to draw (runs %s)",
                runs.keySet());
        XYChart chart = newChart(withGapNote("validation accuracy", gaps, points), "epoch",
                "accuracy");
        chart.getStyler().setLegendPosition(runs.size() > 1
                ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.InsideSE);
        int index = 0;
        for (Map.Entry<String, History> run : runs.entrySet()) {
            double[] values = accuracies.get(run.getKey());
            XYSeries series = chart.addSeries(runs.size() == 1 ? "validation" : run.getKey(),
                    epochs(run.getValue()), values);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(COLORS.get(index % COLORS.size()));
            series.setLineStyle(SeriesLines.DASH_DASH);
            series.setEnabled(SeriesCheck.firstFinite(values) >= 0);
            index++;
        }
        preferRoundTicks(chart, epochs(runs.values().iterator().next()));
        return chart;
    }

    /**
     * Saves the learning curve of one run: {@link #lossChart} and {@link #accuracyChart} side by
     * side.
     */
    public static Figure learningCurve(History history, Path file) {
        checkNotNull(history, "learningCurve: history is null");
        return learningCurves(Map.of("run", history), file);
    }

    /**
     * Saves the learning curves of several runs, {@link #lossChart} and {@link #accuracyChart}
     * side by side, one colour per run in the iteration order of {@code runs}.
     *
     * @throws IllegalArgumentException if there is no run
     */
    public static Figure learningCurves(Map<String, History> runs, Path file) {
        return save(file, 2, List.of(lossChart(runs), accuracyChart(runs)));
    }

    // ---------------------------------------------------------------------------------------
    // Files

    /**
     * Saves {@code charts} side by side in one row.
     *
     * @see #save(Path, int, List)
     */
    public static Figure save(Path file, XYChart... charts) {
        return save(file, Math.max(1, charts.length), List.of(charts));
    }

    /**
     * Renders {@code charts} into one PNG image, {@code columns} panels per row, left to right
     * and top to bottom, each cell as large as the largest chart, and writes it to {@code file}
     * atomically: into a temporary file in the same folder (created if missing), then moved over
     * {@code file}.
     *
     * <p>Every series of every chart is checked first, also those a notebook added itself:
     * it must have a point, as many x as y values, finite x values, no infinite y value and a
     * finite y value (a NaN y is a gap in its line, as XChart draws it).
     *
     * @return the file and the image's size
     * @throws IllegalArgumentException if there is no chart, {@code columns < 1}, the file name
     *     does not end in {@code .png}, the image would exceed 50 million pixels, or a series
     *     cannot be drawn (the message names the chart, the series, the index and the value)
     * @throws UncheckedIOException if the file cannot be written (nothing is left behind)
     */
    public static Figure save(Path file, int columns, List<XYChart> charts) {
        checkNotNull(file, "save: file is null");
        checkArgument(!charts.isEmpty(), "save: no charts to save in %s", file);
        checkArgument(columns >= 1, "save: columns >= 1 expected, got %s", columns);
        checkArgument(file.getFileName() != null
                        && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"),
                "save: a .png file expected, got %s", file);
        int cellWidth = 0;
        int cellHeight = 0;
        for (int k = 0; k < charts.size(); k++) {
            XYChart chart = charts.get(k);
            checkNotNull(chart, "save: a chart is null");
            SeriesCheck.requireDrawable(String.format(Locale.ROOT, "save: chart '%s' (panel %d"
                    + " of %d)", chart.getTitle(), k + 1, charts.size()), chart);
            cellWidth = Math.max(cellWidth, chart.getWidth());
            cellHeight = Math.max(cellHeight, chart.getHeight());
        }
        int used = Math.min(columns, charts.size());
        int rows = (charts.size() + columns - 1) / columns;
        long pixels = (long) cellWidth * used * cellHeight * rows;
        checkArgument(cellWidth > 0 && cellHeight > 0 && pixels <= MAX_PIXELS,
                "save: %s x %s panels of %s x %s px are too large (at most %s pixels)",
                used, rows, cellWidth, cellHeight, MAX_PIXELS);
        BufferedImage image = new BufferedImage(cellWidth * used, cellHeight * rows,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int k = 0; k < charts.size(); k++) {
                BufferedImage panel = BitmapEncoder.getBufferedImage(charts.get(k));
                graphics.drawImage(panel, (k % columns) * cellWidth, (k / columns) * cellHeight,
                        null);
            }
        } finally {
            graphics.dispose();
        }
        writeAtomically(image, file);
        return new Figure(file, image.getWidth(), image.getHeight());
    }

    private static void writeAtomically(BufferedImage image, Path file) {
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".tmp");
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("no PNG writer in this JVM");
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException e) {
            throw new UncheckedIOException("save: cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // The write failed already; that error is the one to report.
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Helpers

    private static XYChart newChart(String title, String xTitle, String yTitle) {
        return newChart(title, xTitle, yTitle, PANEL_WIDTH);
    }

    private static XYChart newChart(String title, String xTitle, String yTitle, int width) {
        XYChart chart = new XYChartBuilder().width(width).height(PANEL_HEIGHT)
                .title(title == null ? "" : title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler()
                .setChartBackgroundColor(Color.WHITE)
                .setLegendPosition(Styler.LegendPosition.InsideNE)
                .setLegendBackgroundColor(new Color(255, 255, 255, 220))
                .setMarkerSize(7);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe4e4e4));
        return chart;
    }

    /** Points joined by lines, each segment ending in an arrowhead, plus the start marked. */
    private static void addPath(XYChart chart, double[] px, double[] py, Interval x, Interval y) {
        XYSeries path = chart.addSeries("path", px, py);
        path.setLineColor(PATH_COLOR);
        path.setMarkerColor(PATH_COLOR);
        path.setMarker(SeriesMarkers.CIRCLE);
        path.setLineWidth(1.6f);
        path.setLineStyle(SeriesLines.SOLID);
        List<double[]> heads = new ArrayList<>();
        double xPerPixel = x.length() / (chart.getWidth() * PLOT_WIDTH_SHARE);
        double yPerPixel = y.length() / (PANEL_HEIGHT * PLOT_HEIGHT_SHARE);
        for (int k = 0; k + 1 < px.length; k++) {
            // Work in pixels, so that the head keeps its shape whatever the axes' scales.
            double dx = (px[k + 1] - px[k]) / xPerPixel;
            double dy = (py[k + 1] - py[k]) / yPerPixel;
            double length = Math.hypot(dx, dy);
            if (!(length >= 3) || !Double.isFinite(length)) {
                continue;
            }
            double size = Math.min(ARROW_PIXELS, 0.6 * length);
            double back = Math.atan2(-dy, -dx);
            for (double side : new double[] {-ARROW_ANGLE, ARROW_ANGLE}) {
                heads.add(new double[] {px[k + 1], py[k + 1],
                    px[k + 1] + size * Math.cos(back + side) * xPerPixel,
                    py[k + 1] + size * Math.sin(back + side) * yPerPixel});
            }
        }
        if (!heads.isEmpty()) {
            double[][] broken = brokenLine(heads);
            XYSeries arrows = chart.addSeries("path arrows", broken[0], broken[1]);
            arrows.setMarker(SeriesMarkers.NONE);
            arrows.setLineColor(PATH_COLOR);
            arrows.setLineWidth(1.6f);
            arrows.setLineStyle(SeriesLines.SOLID);
            arrows.setShowInLegend(false);
        }
    }

    private static void addSamples(String plot, XYChart chart, Dataset data, int xFeature,
            int yFeature) {
        checkArgument(data.size() > 0, "%s: the data set has no sample", plot);
        double[] features = data.features().toArray();
        int width = data.numFeatures();
        ImmutableIntArray labels = data.labels();
        for (int i = 0; i < data.size(); i++) {
            for (int feature : new int[] {xFeature, yFeature}) {
                double value = features[i * width + feature];
                checkArgument(Double.isFinite(value), "%s: sample %s (class '%s') has feature %s"
                        + " = %s; a plot needs finite values (leave the sample out, or fill the"
                        + " value in, before plotting)", plot, i,
                        data.classNames().get(labels.get(i)), feature, value);
            }
        }
        for (int c = 0; c < data.numClasses(); c++) {
            List<Double> cx = new ArrayList<>();
            List<Double> cy = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (labels.get(i) == c) {
                    cx.add(features[i * width + xFeature]);
                    cy.add(features[i * width + yFeature]);
                }
            }
            if (cx.isEmpty()) {
                continue;
            }
            XYSeries samples = chart.addSeries(data.classNames().get(c), cx, cy);
            samples.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            samples.setMarker(SeriesMarkers.CIRCLE);
            samples.setMarkerColor(COLORS.get(c % COLORS.size()));
        }
    }

    /**
     * XChart puts the ticks of an axis whose values are all equally spaced (a linspace, epochs
     * 1..n, or ReLU's values on a linspace) at data points, such as -3, -2.43, -1.86, and as
     * many as fit, labelled with every digit of the double (3.640000000000001); one hidden point
     * off both grids, between two x samples and at 0.3719 of the finite y range, makes it choose
     * round numbers on both axes instead.
     */
    private static void preferRoundTicks(XYChart chart, double[] xs) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double value : series.getYData()) {
                if (Double.isFinite(value)) {
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                }
            }
        }
        if (xs.length < 2 || low > high) {
            return;
        }
        XYSeries hidden = chart.addSeries(" ", new double[] {xs[0] + 0.37 * (xs[1] - xs[0])},
                new double[] {low + 0.3719 * (high - low)});
        hidden.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        hidden.setMarker(SeriesMarkers.NONE);
        hidden.setShowInLegend(false);
    }

    /**
     * Segments as one series: x and y with a NaN y between segments, where XChart breaks the
     * line (x repeats the last value, so the axis range stays finite).
     */
    private static double[][] brokenLine(List<double[]> segments) {
        int n = segments.size();
        double[] xs = new double[3 * n];
        double[] ys = new double[3 * n];
        for (int s = 0; s < n; s++) {
            double[] segment = segments.get(s);
            xs[3 * s] = segment[0];
            ys[3 * s] = segment[1];
            xs[3 * s + 1] = segment[2];
            ys[3 * s + 1] = segment[3];
            xs[3 * s + 2] = segment[2];
            ys[3 * s + 2] = Double.NaN;
        }
        return new double[][] {xs, ys};
    }

    private static Color levelColor(double share) {
        double scaled = Math.max(0, Math.min(1, share)) * (LEVEL_STOPS.size() - 1);
        int from = Math.min((int) scaled, LEVEL_STOPS.size() - 2);
        double t = scaled - from;
        Color a = LEVEL_STOPS.get(from);
        Color b = LEVEL_STOPS.get(from + 1);
        return new Color(mix(a.getRed(), b.getRed(), t), mix(a.getGreen(), b.getGreen(), t),
                mix(a.getBlue(), b.getBlue(), t));
    }

    private static Color pale(Color color) {
        double t = 0.72;
        return new Color(mix(color.getRed(), 255, t), mix(color.getGreen(), 255, t),
                mix(color.getBlue(), 255, t));
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }

    private static double[] epochs(History history) {
        double[] epochs = new double[history.size()];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = history.epochs().get(i).epoch();
        }
        return epochs;
    }

    private static boolean positiveWhereFinite(double[] values) {
        for (double value : values) {
            if (Double.isFinite(value) && !(value > 0)) {
                return false;
            }
        }
        return true;
    }

    /** The title, with a note when {@code gaps} of {@code points} values were left out. */
    private static String withGapNote(String title, int gaps, int points) {
        String base = title == null ? "" : title;
        return gaps == 0 ? base : String.format(Locale.ROOT,
                "%s (not finite at %d of %d points, left out)", base, gaps, points);
    }

    /** Checks that the rows of {@code [n, 2]} values, given flat, are finite points. */
    private static void requireFinitePoints(String plot, String what, double[] flat) {
        int bad = SeriesCheck.firstNonFinite(flat);
        checkArgument(bad < 0, "%s: %s has row %s = (%s, %s); a plot needs finite values",
                plot, what, bad / 2, bad < 0 ? 0 : flat[bad - bad % 2],
                bad < 0 ? 0 : flat[bad - bad % 2 + 1]);
    }

    private static void requireEpochs(String plot, Map<String, History> runs) {
        for (Map.Entry<String, History> run : runs.entrySet()) {
            checkNotNull(run.getValue(), "%s: run '%s' is null", plot, run.getKey());
            checkArgument(run.getValue().size() > 0, "%s: run '%s' has no epoch, so nothing to"
                    + " draw", plot, run.getKey());
        }
    }

    private static double[] concat(double[] a, double[] b) {
        double[] both = new double[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
