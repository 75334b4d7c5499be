package jgrad.notebooks;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link NotebookRunner#main} in a JVM of its own, as {@code ./notebook} does, to check its
 * exit status: a notebook that exits or loops must not decide it.
 */
class NotebookRunnerMainTest {

    // Generous: a hung runner is killed after this and the test fails.
    private static final long PROCESS_LIMIT_SECONDS = 120;

    @TempDir
    Path directory;

    /** What a runner process did. */
    private record Run(int exitCode, String out, String err) {
    }

    @Test
    void systemExitZeroInANotebookMakesTheRunnerExitWithOne() throws Exception {
        Path notebook = Files.writeString(directory.resolve("exit.jsh"), """
                System.out.println("before");
                System.exit(0);
                System.out.println("after");
                """);

        Run run = runner(notebook);

        assertAll(
                () -> assertEquals(1, run.exitCode(), run.err()),
                () -> assertEquals(List.of("before"), run.out().lines().toList()),
                () -> assertTrue(run.err().contains(
                        "notebook ended the JShell VM (System.exit?) at " + notebook + ":2"),
                        run.err()));
    }

    @Test
    void timeoutPropertyStopsAnInfiniteLoop() throws Exception {
        Path notebook = Files.writeString(directory.resolve("spin.jsh"), """
                while (true) {
                }
                """);

        // 10 s: on an idle machine the runner reaches the loop within 2 s. On one loaded many
        // times over (load 20 on 2 cores was seen) it may still be compiling the startup
        // imports; then the limit is honoured all the same and the failure names that line.
        Run run = runner(notebook, "-D" + NotebookRunner.TIMEOUT_PROPERTY + "=10");

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("notebook timed out after 10 s at " + notebook + ":1")
                || run.err().contains("notebook timed out after 10 s at startup.jsh:"),
                run.err());
    }

    @Test
    void unusableTimeoutPropertyIsAUsageError() throws Exception {
        Path notebook = Files.writeString(directory.resolve("fine.jsh"), "int a = 1;\n");

        Run run = runner(notebook, "-D" + NotebookRunner.TIMEOUT_PROPERTY + "=soon");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(NotebookRunner.TIMEOUT_PROPERTY + " must be a whole number"),
                run.err());
    }

    private Run runner(Path notebook, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                NotebookRunner.class.getName(), notebook.toString()));
        File out = directory.resolve("runner.out").toFile();
        File err = directory.resolve("runner.err").toFile();
        Process process = new ProcessBuilder(command)
                .redirectOutput(out)
                .redirectError(err)
                .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
                .start();
        if (!process.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("the runner did not end within " + PROCESS_LIMIT_SECONDS + " s: " + command);
        }
        return new Run(process.exitValue(),
                Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private static String nullDevice() {
        return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
    }
}
