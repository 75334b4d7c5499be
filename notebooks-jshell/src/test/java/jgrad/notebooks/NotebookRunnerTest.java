package jgrad.notebooks;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookRunnerTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void passingNotebookRunsEverySnippetAndCapturesWhatItPrints() throws IOException {
        NotebookRunner.Result result = run("passing.jsh", """
                // A line comment, then a block comment before the first snippet.
                /* spans
                   two lines */ int x = 1 +
                    2;
                double square(double v) {
                    return v * v; // a method declaration
                }
                class Box {
                    final int n;

                    Box(int n) {
                        this.n = n;
                    }
                }
                System.out.println("x=" + x + " square=" + square(3) + " box=" + new Box(7).n);
                x * 1000
                int y = 5 // the line end completes the snippet, as in jshell
                var sorted = new ArrayList<>(List.of(3, 1, 2)); Collections.sort(sorted);
                System.out.printf("%s y=%d%n", sorted, y);
                System.err.println("to err");
                """);

        assertAll(
                () -> assertTrue(result.success(), result.failure()),
                () -> assertEquals(0, result.exitCode()),
                () -> assertEquals(10, result.snippetCount()),
                () -> assertEquals("", result.failure()),
                // The bare expression x * 1000 is not echoed.
                () -> assertEquals(List.of("x=3 square=9.0 box=7", "[1, 2, 3] y=5"), outLines()),
                () -> assertEquals(List.of("to err"), text(err).lines().toList()));
    }

    @Test
    void exitCommandEndsTheNotebook() throws IOException {
        NotebookRunner.Result result = run("exit.jsh", """
                System.out.println("before");
                /exit
                System.out.println("after");
                """);

        assertTrue(result.success(), result.failure());
        assertEquals(1, result.snippetCount());
        assertEquals(List.of("before"), outLines());
    }

    @Test
    void compileErrorFailsWithItsNotebookLine() throws IOException {
        NotebookRunner.Result result = run("typo.jsh", """
                System.out.println("first");

                // the next snippet does not compile
                String s = "a" +
                    undefinedName;
                System.out.println("never");
                """);

        assertAll(
                () -> assertFalse(result.success()),
                () -> assertEquals(NotebookRunner.Result.Outcome.SNIPPET_FAILED, result.outcome()),
                () -> assertEquals(1, result.exitCode()),
                () -> assertEquals(1, result.snippetCount()),
                () -> assertTrue(
                        result.failure().startsWith("typo.jsh:5: error: cannot find symbol"),
                        result.failure()),
                () -> assertTrue(result.failure().contains("undefinedName;"), result.failure()),
                () -> assertEquals(List.of("first"), outLines()));
    }

    @Test
    void thrownExceptionFailsNamingItsClassAndLine() throws IOException {
        NotebookRunner.Result result = run("throws.jsh", """
                void check(int n) {
                    if (n > 1) {
                        throw new IllegalStateException("too big: " + n);
                    }
                }
                check(1);

                check(2);
                System.out.println("never");
                """);

        assertAll(
                () -> assertFalse(result.success()),
                () -> assertEquals(1, result.exitCode()),
                () -> assertEquals(2, result.snippetCount()),
                () -> assertTrue(result.failure().startsWith(
                        "throws.jsh:8: exception java.lang.IllegalStateException: too big: 2"),
                        result.failure()),
                // The frame inside the method maps to the throw statement's line.
                () -> assertTrue(
                        result.failure().contains("check(throws.jsh:3)"), result.failure()),
                () -> assertEquals(List.of(), outLines()));
    }

    @Test
    void callToAMethodWithAnUndefinedDependencyFails() throws IOException {
        NotebookRunner.Result result = run("unresolved.jsh", """
                void helper() {
                    missing();
                }
                helper();
                """);

        assertFalse(result.success());
        assertTrue(result.failure().startsWith("unresolved.jsh:4: error: method helper()"),
                result.failure());
        assertTrue(result.failure().contains("method missing()"), result.failure());
    }

    @Test
    void declarationOfAnUndefinedTypeFails() throws IOException {
        NotebookRunner.Result result = run("undefined-type.jsh", """
                int ok = 1;
                class Holder {
                    Missing value;
                }
                """);

        assertFalse(result.success());
        assertTrue(result.failure().startsWith("undefined-type.jsh:2: error: cannot define type"
                + " Holder: it needs class Missing"), result.failure());
    }

    @Test
    void declarationNeverResolvedByTheEndFails() throws IOException {
        NotebookRunner.Result result = run("dangling.jsh", """
                void later() { notYetDefined(); }
                void unused() { neverDefined(); }
                void notYetDefined() { }
                later();
                """);

        assertFalse(result.success());
        assertEquals(4, result.snippetCount());
        assertTrue(result.failure().startsWith("dangling.jsh:2: error: method unused()"),
                result.failure());
        assertTrue(result.failure().contains("method neverDefined()"), result.failure());
    }

    @Test
    void jshellCommandOtherThanExitFails() throws IOException {
        NotebookRunner.Result result = run("command.jsh", """
                int a = 1;
                /vars
                """);

        assertFalse(result.success());
        assertTrue(result.failure().startsWith("command.jsh:2: error: JShell commands are not"),
                result.failure());
        assertTrue(result.failure().contains("/vars"), result.failure());
    }

    @Test
    void startupImportsAreInScope() throws IOException {
        NotebookRunner.Result result = run("imports.jsh", """
                RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
                Path path = Path.of("a", "b");
                System.out.println(Stream.of(1, 2).map(String::valueOf).toList() + " " + path);
                """);

        assertTrue(result.success(), result.failure());
        assertEquals(List.of("[1, 2] a/b".replace('/', File.separatorChar)), outLines());
    }

    @Test
    void unfinishedSnippetAtTheEndFails() throws IOException {
        NotebookRunner.Result result = run("unfinished.jsh", """
                int a = 1;
                class Open {
                    void method() { }
                """);

        assertFalse(result.success());
        assertTrue(result.failure().startsWith("unfinished.jsh:3: error:"), result.failure());
    }

    @Test
    void missingNotebookIsAUsageError() {
        Path missing = directory.resolve("missing.jsh");

        NotebookRunner.Result result = NotebookRunner.run(missing, printStream(out));

        assertAll(
                () -> assertEquals(NotebookRunner.Result.Outcome.USAGE_ERROR, result.outcome()),
                () -> assertEquals(2, result.exitCode()),
                () -> assertEquals(0, result.snippetCount()),
                () -> assertTrue(result.failure().contains("missing.jsh"), result.failure()));
    }

    private NotebookRunner.Result run(String name, String source) throws IOException {
        Path notebook = Files.writeString(directory.resolve(name), source);
        PrintStream capturedOut = printStream(out);
        PrintStream capturedErr = printStream(err);
        NotebookRunner.Result result = NotebookRunner.run(notebook, capturedOut, capturedErr);
        // Failures name the notebook as it was given, here an absolute path; keep the file name.
        return new NotebookRunner.Result(result.outcome(), result.snippetCount(),
                result.failure().replace(directory + File.separator, ""));
    }

    private List<String> outLines() {
        return text(out).lines().toList();
    }

    private static PrintStream printStream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
