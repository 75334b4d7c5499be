package jgrad.notebooks;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.JShell;

/**
 * Runs a {@code .jsh} notebook without interaction: evaluates the imports of {@code startup.jsh},
 * then each snippet of the notebook in order, through the {@code jdk.jshell} API.
 *
 * <p>Snippets are compiled in this JVM and run in a separate one, the JShell VM (see
 * {@link NotebookVm}), started with this JVM's {@code java} and class path for each run, so a
 * notebook calling {@code System.exit} or {@code Runtime.halt}, or crashing its VM, fails instead
 * of ending the runner. Snippets print what they want with {@code System.out}; values of bare
 * expressions are not echoed. The run stops at the first snippet that does not compile, throws,
 * needs a declaration that does not exist, or ends the VM, and the failure names the notebook
 * line; a rejected line that starts with what can only continue the line before (a dot, an
 * operator, {@code else}, {@code catch}, {@code finally}) gets a note on JShell's rule that a
 * line completing a statement ends the snippet. Startup imports of packages that are not on the
 * class path are skipped, so that a notebook can run before every jgrad package exists. A line
 * {@code /exit} ends the notebook; other JShell commands are errors.
 *
 * <p>A notebook may take {@value #DEFAULT_TIMEOUT_SECONDS} seconds of wall-clock time; the system
 * property {@value #TIMEOUT_PROPERTY} sets another limit in whole seconds, 0 for none (the
 * {@code ./notebook} launcher sets it from the environment variable
 * {@code NOTEBOOK_TIMEOUT_SECONDS}). The clock starts when the JShell VM has started and the
 * startup imports have been evaluated, just before the notebook's first snippet, so the limit is
 * the notebook's own time however long a busy machine takes to start a JVM and warm up the
 * compiler. Starting has a limit of its own, {@value #STARTUP_TIMEOUT_SECONDS} seconds (none when
 * the notebook has none). A notebook that runs longer is stopped by killing its VM, and fails
 * naming the snippet that was running.
 *
 * <pre>{@code
 * java -cp CLASSPATH jgrad.notebooks.NotebookRunner notebooks-jshell/train-digits.jsh
 * java -Djgrad.notebook.timeoutSeconds=60 -cp CLASSPATH jgrad.notebooks.NotebookRunner nb.jsh
 * }</pre>
 *
 * <p>Exit status: 0 when every snippet ran, 1 when one failed (or ended the VM, or the time ran
 * out), 2 when the arguments, the time limit or the notebook file are unusable.
 */
public final class NotebookRunner {

    /** The startup imports, copied into the jar from {@code notebooks-jshell/startup.jsh}. */
    static final String STARTUP_RESOURCE = "startup.jsh";

    /** The system property holding the time limit of a run, in seconds; 0 for none. */
    public static final String TIMEOUT_PROPERTY = "jgrad.notebook.timeoutSeconds";

    /** The time limit of a run when {@value #TIMEOUT_PROPERTY} is not set: 10 minutes. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 600;

    /**
     * How long starting may take when there is a time limit: starting the JShell VM and
     * evaluating the startup imports, which the notebook's limit does not count.
     */
    public static final long STARTUP_TIMEOUT_SECONDS = 300;

    // After a timeout kills the VM, how long the evaluating thread may take to notice.
    private static final long STOP_GRACE_MILLIS = 5_000;

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
            /** A snippet was rejected, threw, stayed unresolved, ended the VM or timed out. */
            SNIPPET_FAILED(1),
            /** The notebook file is missing or unreadable, or an argument or the limit is wrong. */
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

        /** Returns the process exit status: 0 on success, 1 on a failed run, 2 on usage. */
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
        // JShell's threads, or a compilation left behind by a timeout, must not keep the JVM alive.
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
     * {@code out}, and their {@code System.err} going to this JVM's {@code System.err}.
     *
     * @see #run(Path, PrintStream, PrintStream)
     */
    public static Result run(Path notebook, PrintStream out) {
        return run(notebook, out, System.err);
    }

    /**
     * Runs {@code notebook} within the time limit of {@value #TIMEOUT_PROPERTY} (default
     * {@value #DEFAULT_TIMEOUT_SECONDS} seconds).
     *
     * @return how the run ended; {@link Result.Outcome#USAGE_ERROR} if the file cannot be read
     *     or the property is not a whole number of seconds
     * @see #run(Path, PrintStream, PrintStream, Duration)
     */
    public static Result run(Path notebook, PrintStream out, PrintStream err) {
        Duration timeout;
        try {
            timeout = timeout(System.getProperty(TIMEOUT_PROPERTY));
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        return run(notebook, out, err, timeout);
    }

    /**
     * Runs {@code notebook} in a new JShell VM: its snippets see the classes on this JVM's class
     * path and the startup imports, and what they print to {@code System.out} and
     * {@code System.err} reaches {@code out} and {@code err} as it is printed; so does anything
     * the VM itself prints, to {@code err}. Failures are returned, not printed. When the notebook
     * takes longer than {@code timeout}, counted from the end of startup (the JShell VM started,
     * the startup imports evaluated), or startup takes longer than
     * {@value #STARTUP_TIMEOUT_SECONDS} seconds, the VM is killed and the run fails. Runs are
     * independent and may overlap.
     *
     * @param notebook the {@code .jsh} file, UTF-8
     * @param out where the snippets' {@code System.out} goes
     * @param err where the snippets' {@code System.err} goes
     * @param timeout the wall-clock limit of the notebook's snippets; {@link Duration#ZERO} for
     *     none (and then none for startup either)
     * @return how the run ended; {@link Result.Outcome#USAGE_ERROR} if the file cannot be read
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException if the startup imports are missing from the class path, or
     *     the JShell VM cannot be started
     */
    public static Result run(Path notebook, PrintStream out, PrintStream err, Duration timeout) {
        return run(notebook, out, err, timeout, Duration.ofSeconds(STARTUP_TIMEOUT_SECONDS));
    }

    /** As {@link #run(Path, PrintStream, PrintStream, Duration)}, with a limit on startup. */
    static Result run(Path notebook, PrintStream out, PrintStream err, Duration timeout,
            Duration startupTimeout) {
        requireNonNull(notebook, "notebook");
        requireNonNull(out, "out");
        requireNonNull(err, "err");
        requireNonNull(timeout, "timeout");
        requireNonNull(startupTimeout, "startupTimeout");
        if (timeout.isNegative() || startupTimeout.isNegative()) {
            throw new IllegalArgumentException("timeout < 0: " + timeout + ", " + startupTimeout);
        }
        String read;
        try {
            read = Files.readString(notebook);
        } catch (NoSuchFileException e) {
            return usageError("notebook not found: " + notebook);
        } catch (IOException e) {
            return usageError("cannot read notebook " + notebook + ": " + e);
        }
        // Skip a UTF-8 byte-order mark, as some editors write one.
        String text = read.startsWith("\uFEFF") ? read.substring(1) : read;
        String startup = readStartup();
        NotebookVm vm = new NotebookVm(err);
        AtomicReference<NotebookSession> session = new AtomicReference<>();
        // Opened when the startup imports have been evaluated, or when the run ends before that.
        CountDownLatch startedUp = new CountDownLatch(1);
        FutureTask<Result> task = new FutureTask<>(() -> {
            try (JShell shell = newShell(vm, out, err)) {
                NotebookSession started = new NotebookSession(shell, notebook, vm);
                session.set(started);
                return started.run(startup, text, startedUp::countDown);
            } finally {
                startedUp.countDown();
            }
        });
        // A daemon, so that a snippet the compiler never finishes cannot keep this JVM alive.
        Thread worker = new Thread(task, "notebook-runner " + notebook.getFileName());
        worker.setDaemon(true);
        worker.start();
        try {
            if (timeout.isZero()) {
                return task.get();
            }
            if (!startedUp.await(nanos(startupTimeout), TimeUnit.NANOSECONDS)) {
                // What was running when the time ran out: the evaluating thread goes on a little
                // after the kill (imports compile without the VM).
                Result stopped = startupTimedOut(Optional.ofNullable(session.get()),
                        startupTimeout);
                vm.kill();
                awaitQuietly(task);
                return stopped;
            }
            // The notebook's own clock starts now.
            return task.get(nanos(timeout), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            Result stopped = timedOut(Optional.ofNullable(session.get()), timeout);
            vm.kill();
            awaitQuietly(task);
            return stopped;
        } catch (InterruptedException e) {
            vm.kill();
            Thread.currentThread().interrupt();
            NotebookSession current = session.get();
            return new Result(Result.Outcome.SNIPPET_FAILED,
                    current == null ? 0 : current.completed(),
                    "interrupted while running " + notebook);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("running " + notebook + " failed", cause);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Parses a time limit in whole seconds, as given to {@value #TIMEOUT_PROPERTY}: null means
     * {@value #DEFAULT_TIMEOUT_SECONDS}, 0 means none.
     *
     * @throws IllegalArgumentException if {@code seconds} is not a non-negative whole number
     */
    static Duration timeout(String seconds) {
        if (seconds == null) {
            return Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
        }
        long parsed;
        try {
            parsed = Long.parseLong(seconds.strip());
        } catch (NumberFormatException e) {
            parsed = -1;
        }
        if (parsed < 0) {
            throw new IllegalArgumentException(TIMEOUT_PROPERTY
                    + " must be a whole number of seconds (0 for no limit), was: " + seconds);
        }
        return Duration.ofSeconds(parsed);
    }

    private static JShell newShell(NotebookVm vm, PrintStream out, PrintStream err) {
        JShell.Builder builder = JShell.builder()
                .executionEngine(vm, Map.of())
                .out(out)
                .err(err);
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.isBlank()) {
            // The compiler and the VM see the same classes as this JVM.
            builder.compilerOptions("--class-path", classPath)
                    .remoteVMOptions("--class-path", classPath);
        }
        builder.remoteVMOptions(SnippetVmOptions.forThisJvm().toArray(new String[0]));
        return builder.build();
    }

    /** Gives the evaluating thread a moment to notice its VM is gone, so the shell is closed. */
    private static void awaitQuietly(FutureTask<Result> task) {
        try {
            task.get(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The run is over either way; the daemon thread is left to finish on its own.
        }
    }

    private static Result timedOut(Optional<NotebookSession> session, Duration timeout) {
        String limit = "notebook timed out after " + seconds(timeout);
        String raise = "; raise the limit with -D" + TIMEOUT_PROPERTY
                + "=SECONDS (./notebook: NOTEBOOK_TIMEOUT_SECONDS=SECONDS), 0 for none";
        // Startup has ended, so the session exists and has run a snippet of the notebook (or
        // is about to start its first).
        Optional<NotebookSession.Running> running = session.flatMap(NotebookSession::running);
        String failure = running
                .map(snippet -> limit + " at " + snippet.location() + raise + "\n"
                        + snippet.snippet().excerpt(-1))
                .orElse(limit + " before its first snippet" + raise);
        return new Result(Result.Outcome.SNIPPET_FAILED,
                session.map(NotebookSession::completed).orElse(0), failure);
    }

    private static Result startupTimedOut(Optional<NotebookSession> session, Duration limit) {
        String where = session.flatMap(NotebookSession::running)
                .map(snippet -> "evaluating " + snippet.location())
                .orElse("starting the JShell VM");
        return new Result(Result.Outcome.SNIPPET_FAILED, 0, "notebook did not start: "
                + where + " took over " + seconds(limit) + ", the limit of starting the JShell"
                + " VM and evaluating startup.jsh (the notebook's own limit starts after it)");
    }

    /** Returns {@code duration} in nanoseconds, at most {@code Long.MAX_VALUE} (292 years). */
    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
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
