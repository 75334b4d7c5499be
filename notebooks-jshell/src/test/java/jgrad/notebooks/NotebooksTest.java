package jgrad.notebooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jgrad.datasets.Datasets;
import jgrad.plots.PngCheck;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every notebook in {@code notebooks-jshell/} through {@link NotebookRunner}, one dynamic
 * test each: every snippet must run and the notebook must print something. Each figure a
 * notebook reports ({@code figure: FILE (W x H px)}, as {@link jgrad.plots.Figure} prints) must
 * have been written by this run, decode as a PNG of that size and not be blank; every notebook
 * but those in {@link #WITHOUT_FIGURES} writes at least one. A last test checks README's
 * pictures: each {@code docs/figures/*.png} it shows exists, is a figure some notebook wrote in
 * this run, and has that figure's size (regenerate them with the command in README).
 */
class NotebooksTest {

    // Notebooks of the library rather than the tutorial, which draw nothing.
    private static final Set<String> WITHOUT_FIGURES =
            Set.of("autodiff-basics.jsh", "gradient-check.jsh");
    private static final Pattern FIGURE = Pattern.compile("figure: (.+) \\((\\d+) x (\\d+) px\\)");
    private static final Pattern README_PICTURE = Pattern.compile("\\(docs/figures/([^)]+\\.png)\\)");
    // File modification times may be this coarse.
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(2);

    // Figures written in this run, by file name, with their sizes; and notebooks that passed.
    private static final Map<String, String> FIGURES = new ConcurrentHashMap<>();
    private static final Set<String> PASSED = ConcurrentHashMap.newKeySet();

    private static final String STARTUP = "startup.jsh";
    private static final Pattern TEST_ACCURACY =
            Pattern.compile("test accuracy: (0\\.\\d{4}|1\\.0000)");
    /** The notebooks that end with a test accuracy, and the least each must reach. */
    private static final Map<String, Double> MIN_ACCURACY = Map.of(
            "train-digits.jsh", 0.95, "cnn-digits.jsh", 0.97, "train-fashion-mnist.jsh", 0.85);
    // Enough of a failing notebook's output to see how far it got.
    private static final int OUTPUT_LINES_SHOWN = 40;

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsAndPrints() throws IOException {
        Path directory = notebookDirectory();
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(directory)) {
            notebooks = files
                    .filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".jsh"))
                    .filter(file -> !file.getFileName().toString().equals(STARTUP))
                    .sorted()
                    .toList();
        }
        if (notebooks.isEmpty()) {
            // An empty factory would pass; a missing set of notebooks is a failure.
            return Stream.of(DynamicTest.dynamicTest("notebooks exist", () -> fail(
                    "no notebooks (*.jsh other than " + STARTUP + ") in " + directory)));
        }
        Stream<DynamicTest> runs = notebooks.stream().map(notebook -> DynamicTest.dynamicTest(
                notebook.getFileName().toString(), notebook.toUri(), () -> check(notebook)));
        return Stream.concat(runs, Stream.of(DynamicTest.dynamicTest(
                "README's pictures are figures the notebooks write",
                () -> checkReadmePictures(directory, notebooks))));
    }

    private static void check(Path notebook) {
        if (notebook.getFileName().toString().equals("train-fashion-mnist.jsh")) {
            // The notebook itself fails without the data (saying how to get them); the test
            // skips it with that reason. .ci/run installs the package, so CI runs it.
            String given = System.getenv("FASHION_MNIST_DIR");
            Path folder = given != null ? Path.of(given) : Datasets.FASHION_MNIST_DIRECTORY;
            Assumptions.assumeTrue(Datasets.hasFashionMnist(folder), () ->
                    "Fashion-MNIST is absent from " + folder + ": " + Datasets.FASHION_MNIST_HOWTO);
        }
        Instant start = Instant.now();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NotebookRunner.Result result = NotebookRunner.run(
                notebook, new PrintStream(out, true, StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank())
                .toList();
        if (!result.success()) {
            fail(result.failure() + "\n--- last lines printed ---\n" + String.join("\n",
                    lines.subList(Math.max(0, lines.size() - OUTPUT_LINES_SHOWN), lines.size())));
        }
        assertFalse(lines.isEmpty(), notebook + " printed nothing");
        String name = notebook.getFileName().toString();
        int figures = 0;
        for (String line : lines) {
            Matcher figure = FIGURE.matcher(line.strip());
            if (!figure.matches()) {
                continue;
            }
            Path file = Path.of(figure.group(1));
            int width = Integer.parseInt(figure.group(2));
            int height = Integer.parseInt(figure.group(3));
            PngCheck.check(file, width, height);
            try {
                Instant written = Files.getLastModifiedTime(file).toInstant();
                assertFalse(written.isBefore(start.minus(CLOCK_SLACK)),
                        file + " was not written by this run (" + written + ")");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            FIGURES.put(file.getFileName().toString(), width + " x " + height);
            figures++;
        }
        if (!WITHOUT_FIGURES.contains(name)) {
            assertTrue(figures > 0, name + " printed no 'figure: FILE (W x H px)' line");
        }
        PASSED.add(name);
        Double minimum = MIN_ACCURACY.get(name);
        if (minimum != null) {
            String last = lines.get(lines.size() - 1).strip();
            Matcher matcher = TEST_ACCURACY.matcher(last);
            assertTrue(matcher.matches(),
                    name + ": last line should be 'test accuracy: 0.dddd', was: " + last);
            double accuracy = Double.parseDouble(matcher.group(1));
            assertTrue(accuracy >= minimum,
                    name + ": test accuracy " + accuracy + " < " + minimum);
        }
    }

    private static void checkReadmePictures(Path directory, List<Path> notebooks)
            throws IOException {
        Path root = directory.toAbsolutePath().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        Matcher picture = README_PICTURE.matcher(readme);
        Set<String> shown = new TreeSet<>();
        while (picture.find()) {
            shown.add(picture.group(1));
        }
        for (Path notebook : notebooks) {
            String name = notebook.getFileName().toString();
            assertTrue(readme.contains("notebooks-jshell/" + name), "README does not list " + name);
        }
        boolean allRan = notebooks.stream()
                .allMatch(notebook -> PASSED.contains(notebook.getFileName().toString()));
        for (String file : shown) {
            Path committed = root.resolve("docs/figures").resolve(file);
            assertTrue(Files.isRegularFile(committed), "README shows " + committed
                    + ", which does not exist");
            if (!allRan) {
                continue; // only some notebooks ran (a filtered run): their figures are unknown
            }
            String size = FIGURES.get(file);
            assertTrue(size != null, "README shows docs/figures/" + file
                    + ", which no notebook writes");
            String[] wh = size.split(" x ");
            PngCheck.check(committed, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
        }
        if (allRan) {
            try (Stream<Path> files = Files.list(root.resolve("docs/figures"))) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    assertTrue(FIGURES.containsKey(name), "docs/figures/" + name
                            + " is no longer written by a notebook: remove it");
                }
            }
        }
    }

    /**
     * Returns {@code notebooks-jshell/}: Surefire runs in the module directory, an IDE may run
     * in the repository root.
     */
    private static Path notebookDirectory() {
        Path workingDirectory = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path candidate : List.of(workingDirectory,
                workingDirectory.resolve("notebooks-jshell"))) {
            if (Files.isRegularFile(candidate.resolve(STARTUP))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find notebooks-jshell/" + STARTUP + " from "
                + workingDirectory);
    }
}
