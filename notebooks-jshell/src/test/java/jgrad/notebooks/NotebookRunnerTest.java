package jgrad.notebooks;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /** An unclosed comment would swallow the notebook's own checks without an error. */
    @Test
    void unclosedBlockCommentFailsInsteadOfSkippingTheRest() throws IOException {
        NotebookRunner.Result result = run("unclosed.jsh", """
                System.out.println("start");
                /* forgot to close
                if (true) throw new IllegalStateException("self-check failed");
                """);

        assertFalse(result.success());
        assertEquals(1, result.exitCode());
        assertTrue(result.failure().contains("unclosed.jsh:2"), result.failure());
        assertTrue(result.failure().contains("never closed"), result.failure());
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() throws IOException {
        NotebookRunner.Result result = run("bom.jsh", "\uFEFFSystem.out.println(\"ok\");\n");

        assertTrue(result.success(), result.failure());
        assertEquals(List.of("ok"), outLines());
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
                () -> assertFalse(result.failure().contains("note:"), result.failure()),
                () -> assertEquals(List.of("first"), outLines()));
    }

    /** The line before is a complete statement, so JShell runs it; javac sees only ".trim()". */
    @Test
    void lineStartingWithADotFailsWithANoteOnBreakingLines() throws IOException {
        NotebookRunner.Result result = run("dot.jsh", """
                String s = " padded "
                    .trim();
                System.out.println("never");
                """);

        assertAll(
                () -> assertEquals(1, result.exitCode()),
                () -> assertEquals(1, result.snippetCount()),
                () -> assertTrue(result.failure().startsWith(
                        "dot.jsh:2: error: illegal start of expression\n    .trim();\n    ^\n"
                        + "note: JShell ends a snippet at the end of a line that completes a"
                        + " statement"), result.failure()),
                () -> assertTrue(result.failure().contains("starting with '.'"),
                        result.failure()),
                () -> assertTrue(result.failure().contains("end the line before with the '.'"),
                        result.failure()),
                () -> assertTrue(result.failure().endsWith("(see \"Notebooks\" in README.md)."),
                        result.failure()),
                () -> assertEquals(List.of(), outLines()));
    }

    /**
     * The closing brace completes the if statement, which runs; "else {" is then a snippet of its
     * own, for which javac reports "reached end of file while parsing" twice: shown once.
     */
    @Test
    void elseOnTheLineAfterTheBraceFailsOnceWithANoteOnKeepingThemTogether() throws IOException {
        NotebookRunner.Result result = run("else.jsh", """
                int a = 1;
                if (a > 0) {
                    System.out.println("positive");
                }
                else {
                    System.out.println("not positive");
                }
                System.out.println("never");
                """);
        String failure = result.failure();

        assertAll(
                () -> assertEquals(1, result.exitCode()),
                () -> assertEquals(2, result.snippetCount()),
                () -> assertTrue(failure.startsWith(
                        "else.jsh:5: error: reached end of file while parsing\n    else {\n"),
                        failure),
                () -> assertEquals(1, failure.split("error:", -1).length - 1, failure),
                () -> assertTrue(failure.contains("starting with 'else'"), failure),
                () -> assertTrue(failure.contains("on one line: '} else {'"), failure),
                () -> assertTrue(failure.endsWith("(see \"Notebooks\" in README.md)."), failure),
                () -> assertEquals(List.of("positive"), outLines()));
    }

    /**
     * "- 1;" compiles as a statement of its own (a unary minus whose value is dropped), so the
     * line before ran without it: the runner refuses it instead of passing with a wrong value.
     */
    @Test
    void aLineStartingWithASignFailsInsteadOfSilentlyDroppingTheTerm() throws IOException {
        NotebookRunner.Result result = run("sign.jsh", """
                int k = 1
                    - 1;
                System.out.println("never " + k);
                """);
        String failure = result.failure();

        assertAll(
                () -> assertEquals(1, result.exitCode()),
                () -> assertTrue(failure.startsWith("sign.jsh:2: error: a snippet starting with"
                        + " '-' is the continuation of the line before"), failure),
                () -> assertTrue(failure.contains("end the line before with the '-'"), failure),
                () -> assertEquals(List.of(), outLines()));
        for (String sign : List.of("- 1;", "+ 2.0;", "  -x;", "/* c */ +y;")) {
            assertTrue(NotebookSession.leadingSign(sign).isPresent(), sign);
        }
        for (String fine : List.of("++i;", "--i;", "x - 1;", "int y = -1;", "")) {
            assertFalse(NotebookSession.leadingSign(fine).isPresent(), fine);
        }
    }

    @Test
    void continuationNoteIsGivenOnlyForLinesThatCanOnlyContinueAnother() {
        for (String continuing : List.of(".mul(2);", "  .mul(2);", "// why\n.mul(2);",
                "/* why */ .mul(2);", "+ \"b\";", "&& ok;", "|| ok;", "? 1 : 2;", "* 2;",
                "else {", "else if (a) {", "catch (Exception e) {", "finally {")) {
            assertTrue(NotebookSession.continuationHint(continuing).isPresent(), continuing);
        }
        for (String standalone : List.of("int x = ;", "elsewhere();", "catcher.run();",
                ".5 * undefined;", "++i;", "--i;", "<T> T same(T t) { return t; }",
                "undefinedName;", "")) {
            assertFalse(NotebookSession.continuationHint(standalone).isPresent(), standalone);
        }
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

    @Test
    void systemExitZeroFailsNamingItsLineAndSkipsTheRest() throws IOException {
        NotebookRunner.Result result = run("exit-zero.jsh", """
                System.out.println("before");
                System.exit(0);
                System.out.println("after");
                """);

        assertAll(
                () -> assertEquals(NotebookRunner.Result.Outcome.SNIPPET_FAILED, result.outcome()),
                () -> assertEquals(1, result.exitCode()),
                () -> assertEquals(1, result.snippetCount()),
                () -> assertTrue(result.failure().startsWith(
                        "notebook ended the JShell VM (System.exit?) at exit-zero.jsh:2"
                        + " (exit status 0)"), result.failure()),
                () -> assertTrue(result.failure().contains("    System.exit(0);"),
                        result.failure()),
                () -> assertEquals(List.of("before"), outLines()));
    }

    @Test
    void systemExitWithAStatusFailsNamingTheStatus() throws IOException {
        NotebookRunner.Result result = run("exit-seven.jsh", """
                int code = 7;
                if (code > 0) {
                    System.exit(code);
                }
                """);

        assertEquals(1, result.exitCode());
        assertTrue(result.failure().startsWith("notebook ended the JShell VM (System.exit?) at"
                + " exit-seven.jsh:2 (exit status 7)"), result.failure());
    }

    @Test
    void haltFailsLikeSystemExit() throws IOException {
        NotebookRunner.Result result = run("halt.jsh", """
                System.out.println("halting");
                Runtime.getRuntime().halt(0);
                """);

        assertEquals(1, result.exitCode());
        assertTrue(result.failure().startsWith(
                "notebook ended the JShell VM (System.exit?) at halt.jsh:2"), result.failure());
        assertEquals(List.of("halting"), outLines());
    }

    @Test
    void infiniteLoopTimesOutNamingItsLineAndTheLimit() throws IOException {
        // The 5 s start once the JShell VM runs and the startup imports are compiled; the loop
        // never ends, so the limit is reached however fast or busy the machine.
        NotebookRunner.Result result = run("loop.jsh", Duration.ofSeconds(5), """
                System.out.println("looping");
                long spins = 0;
                while (true) {
                    spins++;
                }
                """);

        assertAll(
                () -> assertEquals(NotebookRunner.Result.Outcome.SNIPPET_FAILED, result.outcome()),
                () -> assertEquals(1, result.exitCode()),
                () -> assertEquals(2, result.snippetCount()),
                () -> assertTrue(result.failure().startsWith(
                        "notebook timed out after 5 s at loop.jsh:3;"), result.failure()),
                () -> assertTrue(result.failure().contains(NotebookRunner.TIMEOUT_PROPERTY),
                        result.failure()),
                () -> assertTrue(result.failure().endsWith("    while (true) {"),
                        result.failure()),
                () -> assertEquals(List.of("looping"), outLines()));
    }

    @Test
    void theTimeLimitStartsAfterStartupSoEvenAMillisecondReachesTheFirstSnippet()
            throws IOException {
        // Starting the JShell VM and evaluating startup.jsh take far longer than 1 ms; they are
        // not counted, so the limit runs out while the first snippet compiles or runs.
        NotebookRunner.Result result = run("tiny.jsh", Duration.ofMillis(1), """
                Thread.sleep(60_000);
                """);

        assertAll(
                () -> assertEquals(NotebookRunner.Result.Outcome.SNIPPET_FAILED, result.outcome()),
                () -> assertTrue(result.failure().startsWith(
                        "notebook timed out after 0.001 s at tiny.jsh:1;"), result.failure()));
    }

    @Test
    void startupHasALimitOfItsOwn() throws IOException {
        Path notebook = Files.writeString(directory.resolve("never.jsh"),
                "System.out.println(\"ran\");\n");

        NotebookRunner.Result result = NotebookRunner.run(notebook, printStream(out),
                printStream(err), Duration.ofMinutes(1), Duration.ofMillis(1));

        assertAll(
                () -> assertEquals(NotebookRunner.Result.Outcome.SNIPPET_FAILED, result.outcome()),
                () -> assertEquals(0, result.snippetCount()),
                () -> assertTrue(result.failure().startsWith("notebook did not start: "),
                        result.failure()),
                () -> assertTrue(result.failure().contains("took over 0.001 s"),
                        result.failure()),
                () -> assertEquals(List.of(), outLines()));
    }

    @Test
    void sleepingSnippetTimesOutToo() throws IOException {
        NotebookRunner.Result result = run("sleep.jsh", Duration.ofMillis(1500), """
                Thread.sleep(60_000);
                """);

        assertTrue(result.failure().startsWith("notebook timed out after 1.5 s at sleep.jsh:1;"),
                result.failure());
    }

    @Test
    void outputArrivesWhileTheSnippetStillRuns() throws IOException {
        // The snippet prints "first", then waits for a file that this test writes only when
        // "first" has reached it; output held until the snippet ends would leave it waiting
        // until the time limit. No clock is read, so a busy machine cannot fail it.
        Path seen = directory.resolve("first-seen");
        OutputStream recorder = new OutputStream() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public synchronized void write(int b) throws IOException {
                text.append((char) b);
                out.write(b);
                if (text.indexOf("first") >= 0 && !Files.exists(seen)) {
                    Files.writeString(seen, "seen");
                }
            }
        };
        Path notebook = Files.writeString(directory.resolve("epochs.jsh"), """
                var seen = java.nio.file.Path.of("%s");
                for (int epoch = 0; epoch < 1; epoch++) {
                    System.out.println("first");
                    while (!java.nio.file.Files.exists(seen)) {
                        Thread.sleep(10);
                    }
                    System.out.println("second");
                }
                """.formatted(seen.toString().replace("\\", "\\\\")));

        NotebookRunner.Result result = NotebookRunner.run(notebook,
                new PrintStream(recorder, true, StandardCharsets.UTF_8), printStream(err),
                Duration.ofMinutes(2));

        assertTrue(result.success(), result.failure());
        assertEquals(List.of("first", "second"), outLines());
    }

    @Test
    void outAndErrArriveInTheOrderPrinted() throws IOException {
        Path notebook = Files.writeString(directory.resolve("order.jsh"), """
                for (int i = 1; i <= 3; i++) {
                    System.out.println("out " + i);
                    System.err.println("err " + i);
                }
                """);
        PrintStream both = printStream(out);

        NotebookRunner.Result result = NotebookRunner.run(notebook, both, both);

        assertTrue(result.success(), result.failure());
        assertEquals(List.of("out 1", "err 1", "out 2", "err 2", "out 3", "err 3"), outLines());
    }

    @Test
    void nonAsciiOutputKeepsItsCharacters() throws IOException {
        NotebookRunner.Result result = run("unicode.jsh", """
                System.out.println("π ≈ 3.14159, naïve café, 🙂, ∂L/∂w");
                """);

        assertTrue(result.success(), result.failure());
        assertEquals(List.of("π ≈ 3.14159, naïve café, 🙂, ∂L/∂w"), outLines());
    }

    @Test
    void threadStillRunningAtTheEndDoesNotHoldTheRun() throws IOException {
        // A run held by the thread would reach the time limit and fail.
        NotebookRunner.Result result = run("thread.jsh", Duration.ofSeconds(60), """
                Thread worker = new Thread(() -> {
                    while (true) {
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            // keep going
                        }
                    }
                });
                worker.start();
                System.out.println("started");
                """);

        assertTrue(result.success(), result.failure());
        assertEquals(List.of("started"), outLines());
    }

    @Test
    void timeoutIsParsedInWholeSeconds() {
        assertAll(
                () -> assertEquals(Duration.ofMinutes(10), NotebookRunner.timeout(null)),
                () -> assertEquals(Duration.ZERO, NotebookRunner.timeout("0")),
                () -> assertEquals(Duration.ofSeconds(90), NotebookRunner.timeout(" 90 ")),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> NotebookRunner.timeout("-1")),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> NotebookRunner.timeout("1.5")),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> NotebookRunner.timeout("ten")));
    }

    @Test
    void negativeTimeoutIsRejected() throws IOException {
        Path notebook = Files.writeString(directory.resolve("any.jsh"), "int a = 1;\n");

        assertThrows(IllegalArgumentException.class, () -> NotebookRunner.run(notebook,
                printStream(out), printStream(err), Duration.ofSeconds(-1)));
    }

    @Test
    void openRunsAnotherFileFromTheNotebooksFolderInPlace() throws IOException {
        // The helper sits beside the notebook, not in the working directory.
        Path folder = Files.createDirectories(directory.resolve("lessons"));
        Files.writeString(folder.resolve("helpers.jsh"), """
                // helpers.jsh
                double twice(double v) {
                    return 2 * v;
                }
                System.out.println("helpers loaded");
                """);
        NotebookRunner.Result result = run("lessons/main.jsh", """
                System.out.println("before");
                /open helpers.jsh
                System.out.println("twice(21) = " + twice(21));
                """);

        assertTrue(result.success(), result.failure());
        assertEquals(List.of("before", "helpers loaded", "twice(21) = 42.0"), outLines());
        // Two snippets of the notebook, two of the helper.
        assertEquals(4, result.snippetCount());
    }

    @Test
    void failureInAnOpenedFileNamesThatFileAndLine() throws IOException {
        Files.writeString(directory.resolve("inner.jsh"), """
                int ok = 1;
                void boom() {
                    throw new IllegalStateException("from inner");
                }
                boom();
                """);
        Files.writeString(directory.resolve("middle.jsh"), "/open \"inner.jsh\"\n");
        NotebookRunner.Result result = run("outer.jsh", """
                /open middle.jsh
                System.out.println("never");
                """);

        assertFalse(result.success());
        assertTrue(result.failure().startsWith(directory.resolve("inner.jsh").toString()
                .replace(directory + File.separator, "") + ":5: exception"
                + " java.lang.IllegalStateException: from inner"), result.failure());
        assertTrue(result.failure().contains("boom(inner.jsh:3)"), result.failure());
        assertEquals(List.of(), outLines());
    }

    @Test
    void aFileThatOpensItselfFailsInsteadOfLoopingForever() throws IOException {
        NotebookRunner.Result result = run("loop.jsh", """
                int a = 1;
                /open loop.jsh
                """);

        assertFalse(result.success());
        assertTrue(result.failure().startsWith("loop.jsh:2: error: /open: "), result.failure());
        assertTrue(result.failure().contains("is already open"), result.failure());
    }

    @Test
    void openOfAMissingFileFailsNamingWhereItLooked() throws IOException {
        NotebookRunner.Result missing = run("missing.jsh", "/open nowhere.jsh\n");
        assertFalse(missing.success());
        assertTrue(missing.failure().startsWith("missing.jsh:1: error: /open: no file nowhere.jsh"
                + " in "), missing.failure());

        NotebookRunner.Result printing = run("printing.jsh", "/open PRINTING\n");
        assertFalse(printing.success());
        assertTrue(printing.failure().contains("predefined scripts"), printing.failure());
    }

    @Test
    void exitInAnOpenedFileEndsTheWholeRun() throws IOException {
        Files.writeString(directory.resolve("stop.jsh"), """
                System.out.println("in stop");
                /exit
                System.out.println("not after exit");
                """);
        NotebookRunner.Result result = run("caller.jsh", """
                /open stop.jsh
                System.out.println("not after the open");
                """);

        assertTrue(result.success(), result.failure());
        assertEquals(List.of("in stop"), outLines());
    }

    @Test
    void snippetVmRunsHeadlessWithTheVectorModuleAndPassedOnProperties() throws IOException {
        String previous = System.getProperty(SnippetVmOptions.THREADS_PROPERTY);
        System.setProperty(SnippetVmOptions.THREADS_PROPERTY, "3");
        NotebookRunner.Result result;
        try {
            result = run("vm.jsh", """
                    System.out.println(System.getProperty("java.awt.headless"));
                    System.out.println(System.getProperty("jgrad.threads"));
                    System.out.println(ModuleLayer.boot().findModule("jdk.incubator.vector")
                            .isPresent());
                    """);
        } finally {
            if (previous == null) {
                System.clearProperty(SnippetVmOptions.THREADS_PROPERTY);
            } else {
                System.setProperty(SnippetVmOptions.THREADS_PROPERTY, previous);
            }
        }

        assertTrue(result.success(), result.failure());
        assertEquals(List.of("true", "3", "true"), outLines());
        // The JVM's warning about the incubator module, which the runner adds, is dropped.
        assertFalse(text(err).contains("incubator"), text(err));
    }

    @Test
    void snippetVmOptionsPassOnOnlyWhatIsSet() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("jgrad.figures", "out/figures");
        properties.setProperty("jgrad.threads", " ");

        assertEquals(List.of("--add-modules=jdk.incubator.vector", "-Djava.awt.headless=true",
                "-Djgrad.figures=out/figures"), SnippetVmOptions.of(properties));
    }

    @Test
    void snippetVmOptionsPassOnTheProgressBarProperty() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("jgrad.progress", "false");

        assertEquals(List.of("--add-modules=jdk.incubator.vector", "-Djava.awt.headless=true",
                "-Djgrad.progress=false"), SnippetVmOptions.of(properties));
    }

    private NotebookRunner.Result run(String name, String source) throws IOException {
        return run(name, Duration.ofMinutes(2), source);
    }

    private NotebookRunner.Result run(String name, Duration timeout, String source)
            throws IOException {
        Path notebook = Files.writeString(directory.resolve(name), source);
        // No output from an earlier run in the same test.
        out.reset();
        err.reset();
        PrintStream capturedOut = printStream(out);
        PrintStream capturedErr = printStream(err);
        NotebookRunner.Result result =
                NotebookRunner.run(notebook, capturedOut, capturedErr, timeout);
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
