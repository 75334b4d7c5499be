package jgrad.notebooks;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import jdk.jshell.JShell;

/**
 * Runs a {@code .jsh} notebook without interaction: evaluates the imports of {@code startup.jsh},
 * then each snippet of the notebook in order, through the {@code jdk.jshell} API in this JVM.
 *
 * <p>Snippets print what they want with {@code System.out}; values of bare expressions are not
 * echoed. The run stops at the first snippet that does not compile, throws, or needs a
 * declaration that does not exist, and the failure names the notebook line. Startup imports of
 * packages that are not on the class path are skipped, so that a notebook can run before every
 * jgrad package exists. A line {@code /exit} ends the notebook; other JShell commands are errors.
 *
 * <pre>{@code
 * java -cp CLASSPATH jgrad.notebooks.NotebookRunner notebooks-jshell/train-digits.jsh
 * }</pre>
 *
 * <p>Exit status: 0 when every snippet ran, 1 when one failed, 2 when the arguments or the
 * notebook file are unusable.
 */
public final class NotebookRunner {

    /** The startup imports, copied into the jar from {@code notebooks-jshell/startup.jsh}. */
    static final String STARTUP_RESOURCE = "startup.jsh";

    // Snippets write to the JVM-wide System.out, which run() redirects; one notebook at a time.
    private static final Object LOCK = new Object();

    private NotebookRunner() {
    }

    /**
     * How a notebook run ended.
     *
     * @param outcome whether it succeeded, and if not, whose fault it was
     * @param snippetCount how many notebook snippets ran successfully (startup imports excluded)
     * @param failure what went wrong, with the notebook line; empty on success
     */
    public record Result(Outcome outcome, int snippetCount, String failure) {

        /** How a run ended, with the matching process exit status. */
        public enum Outcome {
            /** Every snippet compiled and ran. */
            SUCCESS(0),
            /** A snippet was rejected, threw, or stayed unresolved. */
            SNIPPET_FAILED(1),
            /** The notebook file is missing or unreadable, or the arguments are wrong. */
            USAGE_ERROR(2);

            private final int exitCode;

            Outcome(int exitCode) {
                this.exitCode = exitCode;
            }

            /** Returns the process exit status for this outcome: 0, 1 or 2. */
            public int exitCode() {
                return exitCode;
            }
        }

        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code outcome} or {@code failure} is null
         * @throws IllegalArgumentException if {@code snippetCount} is negative, or
         *     {@code failure} is empty exactly when the outcome is not a success
         */
        public Result {
            requireNonNull(outcome, "outcome");
            requireNonNull(failure, "failure");
            if (snippetCount < 0) {
                throw new IllegalArgumentException("snippetCount < 0: " + snippetCount);
            }
            if ((outcome == Outcome.SUCCESS) != failure.isEmpty()) {
                throw new IllegalArgumentException(
                        "failure must be empty exactly on success: " + outcome + ", " + failure);
            }
        }

        /** Returns whether every snippet of the notebook ran. */
        public boolean success() {
            return outcome == Outcome.SUCCESS;
        }

        /** Returns the process exit status: 0 on success, 1 on a failed snippet, 2 on usage. */
        public int exitCode() {
            return outcome.exitCode();
        }
    }

    /**
     * Runs the notebook named by the single argument and exits with {@link Result#exitCode()},
     * printing any failure to {@code System.err}.
     *
     * @param args the path of the {@code .jsh} notebook
     */
    public static void main(String[] args) {
        int exitCode;
        if (args.length != 1 || args[0].isEmpty() || args[0].startsWith("-")) {
            System.err.println("usage: java -cp CLASSPATH " + NotebookRunner.class.getName()
                    + " NOTEBOOK.jsh");
            exitCode = Result.Outcome.USAGE_ERROR.exitCode();
        } else {
            Result result = runArgument(args[0]);
            if (!result.success()) {
                System.err.println(result.failure());
            }
            exitCode = result.exitCode();
        }
        System.out.flush();
        System.err.flush();
        // Snippets may have started non-daemon threads; they must not keep the JVM alive.
        System.exit(exitCode);
    }

    private static Result runArgument(String argument) {
        Path notebook;
        try {
            notebook = Path.of(argument);
        } catch (InvalidPathException e) {
            return usageError("not a valid path: " + argument);
        }
        return run(notebook, System.out, System.err);
    }

    /**
     * Runs {@code notebook} with everything its snippets print to {@code System.out} going to
     * {@code out}; {@code System.err} is left alone.
     *
     * @see #run(Path, PrintStream, PrintStream)
     */
    public static Result run(Path notebook, PrintStream out) {
        return run(notebook, out, System.err);
    }

    /**
     * Runs {@code notebook}: its snippets see the classes on this JVM's class path and the
     * startup imports, and print to {@code out} and {@code err}, which stand in for
     * {@code System.out} and {@code System.err} until the run ends. Failures are returned, not
     * printed. Runs are serialised, since the redirection is JVM-wide.
     *
     * @param notebook the {@code .jsh} file, UTF-8
     * @param out where the snippets' {@code System.out} goes
     * @param err where the snippets' {@code System.err} goes
     * @return how the run ended; {@link Result.Outcome#USAGE_ERROR} if the file cannot be read
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the startup imports are missing from the class path
     */
    public static Result run(Path notebook, PrintStream out, PrintStream err) {
        requireNonNull(notebook, "notebook");
        requireNonNull(out, "out");
        requireNonNull(err, "err");
        String text;
        try {
            text = Files.readString(notebook);
        } catch (NoSuchFileException e) {
            return usageError("notebook not found: " + notebook);
        } catch (IOException e) {
            return usageError("cannot read notebook " + notebook + ": " + e);
        }
        String startup = readStartup();
        synchronized (LOCK) {
            PrintStream systemOut = System.out;
            PrintStream systemErr = System.err;
            // The local execution engine runs snippets in this JVM, printing to System.out/err.
            System.setOut(out);
            System.setErr(err);
            try (JShell shell = newShell(out, err)) {
                return new NotebookSession(shell, notebook.toString()).run(startup, text);
            } finally {
                out.flush();
                err.flush();
                System.setOut(systemOut);
                System.setErr(systemErr);
            }
        }
    }

    private static JShell newShell(PrintStream out, PrintStream err) {
        JShell shell = JShell.builder()
                .executionEngine("local")
                .out(out)
                .err(err)
                .build();
        // Local execution loads classes from this JVM, but the compiler needs the path too.
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                shell.addToClasspath(entry);
            }
        }
        return shell;
    }

    private static String readStartup() {
        try (InputStream in = NotebookRunner.class.getResourceAsStream(STARTUP_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource jgrad/notebooks/" + STARTUP_RESOURCE
                        + " is not on the class path; build notebooks-jshell with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STARTUP_RESOURCE, e);
        }
    }

    private static Result usageError(String message) {
        return new Result(Result.Outcome.USAGE_ERROR, 0, message);
    }
}
