package jgrad.notebooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every notebook in {@code notebooks-jshell/} through {@link NotebookRunner}, one dynamic
 * test each: every snippet must run and the notebook must print something.
 */
class NotebooksTest {

    private static final String STARTUP = "startup.jsh";
    private static final Pattern TEST_ACCURACY =
            Pattern.compile("test accuracy: (0\\.\\d{4}|1\\.0000)");
    private static final double MIN_DIGITS_ACCURACY = 0.95;
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
        return notebooks.stream().map(notebook -> DynamicTest.dynamicTest(
                notebook.getFileName().toString(), notebook.toUri(), () -> check(notebook)));
    }

    private static void check(Path notebook) {
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
        if (notebook.getFileName().toString().equals("train-digits.jsh")) {
            String last = lines.get(lines.size() - 1).strip();
            Matcher matcher = TEST_ACCURACY.matcher(last);
            assertTrue(matcher.matches(),
                    "last line should be 'test accuracy: 0.dddd', was: " + last);
            double accuracy = Double.parseDouble(matcher.group(1));
            assertTrue(accuracy >= MIN_DIGITS_ACCURACY,
                    "test accuracy " + accuracy + " < " + MIN_DIGITS_ACCURACY);
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
