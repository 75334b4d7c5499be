package jgrad.notebooks;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.PersistentSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Evaluates the startup imports and then one notebook in a {@link JShell}, turning the first
 * problem into a failure message of the form {@code notebook.jsh:LINE: ...}, or
 * {@code notebook ended the JShell VM (System.exit?) at notebook.jsh:LINE} when a snippet ends the
 * VM it runs in. Used once, by {@link NotebookRunner}, which may ask from another thread which
 * snippet is running.
 */
final class NotebookSession {

    private static final String STARTUP_NAME = "startup.jsh";
    // Enough of a stack to see where in jgrad a snippet's call went wrong.
    private static final int MAX_FRAMES = 25;
    // How long an ended VM may take to report its exit status.
    private static final long EXIT_STATUS_WAIT_MILLIS = 1_000;
    // What a line can start with only when it continues the line before (see continuationHint).
    private static final Pattern CONTINUING_KEYWORD = Pattern.compile("(else|catch|finally)\\b");
    // A dot (not of a number such as .5), or a binary operator that cannot be a unary one.
    private static final Pattern CONTINUING_OPERATOR =
            Pattern.compile("(\\.(?![0-9])|&&|\\|\\||==|!=|\\+(?!\\+)|-(?!-)|[*%=>&|^?:])");

    // A sign that is not ++ or --: see leadingSign.
    private static final Pattern LEADING_SIGN = Pattern.compile("(\\+(?!\\+)|-(?!-))");

    private final JShell shell;
    private final NotebookVm vm;
    // JShell's predefined scripts, which /open finds inside the jshell tool, not in a file.
    private static final Set<String> PREDEFINED_SCRIPTS = Set.of("DEFAULT", "PRINTING", "JAVASE");

    // JShell names snippets by id in stack frames ("#12"); this leads back to the file and line.
    private final Map<String, Running> notebookSnippets = new HashMap<>();
    private final List<String> skippedImports = new ArrayList<>();
    // The files being evaluated, the notebook first, then each /open inside the one before.
    private final Deque<Path> opening = new ArrayDeque<>();
    private final Path notebook;
    private final String notebookName;
    private boolean exited;
    // Set by JShell's shutdown listener when the VM ends (and when the shell is closed).
    private volatile boolean engineEnded;
    private volatile Running running;
    private volatile int completed; // written by the evaluating thread only

    /**
     * The snippet being evaluated.
     *
     * @param name the file it comes from: the notebook, or {@code startup.jsh}
     * @param snippet the snippet
     */
    record Running(String name, SourceSnippet snippet) {

        /** Returns {@code name:LINE}, the snippet's first line. */
        String location() {
            return name + ":" + snippet.line();
        }
    }

    /**
     * Prepares to evaluate in {@code shell}, whose snippets run in {@code vm}.
     *
     * @param shell a fresh JShell
     * @param notebook the notebook's path: its name in failure messages, and the folder where
     *     {@code /open} looks first
     * @param vm the execution engine of {@code shell}, asked for its exit status
     * @throws NullPointerException if an argument is null
     */
    NotebookSession(JShell shell, Path notebook, NotebookVm vm) {
        this.shell = requireNonNull(shell, "shell");
        this.notebook = requireNonNull(notebook, "notebook");
        this.notebookName = notebook.toString();
        this.vm = requireNonNull(vm, "vm");
        shell.onShutdown(ended -> engineEnded = true);
    }

    /** Returns the snippet being evaluated, or the last one; empty before the first. */
    Optional<Running> running() {
        return Optional.ofNullable(running);
    }

    /** Returns how many notebook snippets have run successfully so far. */
    int completed() {
        return completed;
    }

    /**
     * Evaluates {@code startup}, whose rejected imports are skipped, then the notebook's text,
     * with the files it opens with {@code /open}, until its end or an {@code /exit}.
     *
     * @param startup the startup snippets (imports)
     * @param text the notebook's source
     */
    NotebookRunner.Result run(String startup, String text) {
        for (SourceSnippet snippet : SourceSplitter.split(startup, shell.sourceCodeAnalysis())) {
            if (snippet.kind() == SourceSnippet.Kind.EXIT) {
                break;
            }
            Optional<String> failure = evaluate(snippet, STARTUP_NAME, true);
            if (failure.isPresent()) {
                return failed(0, failure.get());
            }
        }
        Optional<String> failure = runFile(text, notebookName, notebook);
        if (failure.isPresent()) {
            return failed(completed, failure.get());
        }
        Optional<String> unresolved = unresolvedDeclaration();
        if (unresolved.isPresent()) {
            return failed(completed, unresolved.get());
        }
        return new NotebookRunner.Result(NotebookRunner.Result.Outcome.SUCCESS, completed, "");
    }

    /**
     * Evaluates the snippets of one file in order; the first failure ends the run. A
     * {@code /open} evaluates the file it names in place, as JShell does; an {@code /exit}, in
     * this file or one it opens, ends the run successfully.
     */
    private Optional<String> runFile(String text, String name, Path file) {
        opening.push(file.toAbsolutePath().normalize());
        try {
            for (SourceSnippet snippet : SourceSplitter.split(text, shell.sourceCodeAnalysis())) {
                if (exited) {
                    return Optional.empty();
                }
                Optional<String> failure;
                switch (snippet.kind()) {
                    case EXIT:
                        exited = true;
                        return Optional.empty();
                    case COMMAND:
                        failure = command(snippet, name, file);
                        break;
                    default:
                        failure = evaluate(snippet, name, false);
                        if (failure.isEmpty()) {
                            completed++;
                        }
                        break;
                }
                if (failure.isPresent()) {
                    return failure;
                }
            }
            return Optional.empty();
        } finally {
            opening.pop();
        }
    }

    /**
     * Runs a JShell command line of a notebook: {@code /open FILE} evaluates FILE's snippets
     * (its relative path is looked up in the folder of the file holding the command first, then
     * in the working directory, where jshell looks); any other command is an error.
     */
    private Optional<String> command(SourceSnippet source, String name, Path file) {
        String where = name + ":" + source.line() + ": error: ";
        String[] words = source.source().strip().split("\\s+", 2);
        if (!words[0].equals("/open")) {
            return Optional.of(where + "JShell commands are not supported in notebooks"
                    + " (only /open FILE and /exit): " + source.source());
        }
        String argument = words.length < 2 ? "" : unquote(words[1].strip());
        if (argument.isEmpty()) {
            return Optional.of(where + "/open needs a file: /open FILE.jsh\n"
                    + source.excerpt(-1));
        }
        Optional<Path> found = resolve(argument, file);
        if (found.isEmpty()) {
            Path folder = folderOf(file);
            String predefined = PREDEFINED_SCRIPTS.contains(argument)
                    ? "; JShell's predefined scripts (DEFAULT, PRINTING, JAVASE) are not"
                            + " available to notebooks: startup.jsh holds DEFAULT's imports"
                    : "";
            return Optional.of(where + "/open: no file " + argument + " in "
                    + (folder.toString().isEmpty() ? "." : folder)
                    + " or in the working directory" + predefined + "\n" + source.excerpt(-1));
        }
        Path target = found.get();
        Path key = target.toAbsolutePath().normalize();
        if (opening.contains(key)) {
            List<Path> chain = new ArrayList<>(opening);
            Collections.reverse(chain);
            return Optional.of(where + "/open: " + target + " is already open (" + chain.stream()
                    .map(Path::toString).collect(Collectors.joining(" -> ")) + " -> " + key
                    + "): a file that opens itself would never end\n" + source.excerpt(-1));
        }
        String text;
        try {
            text = Files.readString(target);
        } catch (IOException e) {
            return Optional.of(where + "/open: cannot read " + target + ": " + e + "\n"
                    + source.excerpt(-1));
        }
        return runFile(text.startsWith("\uFEFF") ? text.substring(1) : text, target.toString(),
                target);
    }

    /** The file {@code /open} means: absolute, or next to {@code from}, or in the working dir. */
    private static Optional<Path> resolve(String argument, Path from) {
        String expanded = argument.startsWith("~/")
                ? System.getProperty("user.home") + argument.substring(1)
                : argument;
        Path given;
        try {
            given = Path.of(expanded);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        List<Path> candidates = given.isAbsolute()
                ? List.of(given)
                : List.of(folderOf(from).resolve(given), given);
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    private static Path folderOf(Path file) {
        Path parent = file.getParent();
        return parent == null ? Path.of("") : parent;
    }

    /** Strips one pair of surrounding quotes, as jshell's argument parser does. */
    private static String unquote(String argument) {
        if (argument.length() >= 2 && (argument.startsWith("\"") && argument.endsWith("\"")
                || argument.startsWith("'") && argument.endsWith("'"))) {
            return argument.substring(1, argument.length() - 1);
        }
        return argument;
    }

    private static NotebookRunner.Result failed(int done, String failure) {
        return new NotebookRunner.Result(
                NotebookRunner.Result.Outcome.SNIPPET_FAILED, done, failure);
    }

    private Optional<String> evaluate(SourceSnippet source, String name, boolean startup) {
        String where = name + ":" + source.line() + ": ";
        if (source.kind() == SourceSnippet.Kind.UNCLOSED_COMMENT) {
            return Optional.of(where + "error: a block comment opened here is never closed, so"
                    + " the rest of the notebook would be skipped");
        }
        if (source.kind() == SourceSnippet.Kind.COMMAND) {
            return Optional.of(where + "error: JShell commands are not supported in "
                    + name + ": " + source.source());
        }
        Optional<String> sign = startup ? Optional.empty() : leadingSign(source.source());
        if (sign.isPresent()) {
            // "- 1;" compiles as a unary minus whose value is dropped: the line before it has
            // already run without it, so a wrong value would pass silently.
            return Optional.of(where + "error: a snippet starting with '" + sign.get()
                    + "' is the continuation of the line before, which ran without it\n"
                    + source.excerpt(-1) + "\n" + continuationHint(source.source()).orElseThrow());
        }
        running = new Running(name, source);
        List<SnippetEvent> events;
        try {
            events = shell.eval(source.source());
        } catch (IllegalStateException e) {
            if (!engineEnded) {
                throw e;
            }
            events = List.of(); // the VM ended after the previous snippet, say in a thread
        }
        if (engineEnded) {
            return Optional.of(vmEnded(source, name));
        }
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // an earlier snippet updated by this one, not this one's own result
            }
            Snippet snippet = event.snippet();
            if (!startup) {
                notebookSnippets.put(snippet.id(), new Running(name, source));
            }
            switch (event.status()) {
                case REJECTED:
                    if (startup && snippet instanceof ImportSnippet imported) {
                        // The package is not built yet (or not on this class path).
                        skippedImports.add(imported.fullname()
                                + (imported.isStatic() ? " (static)" : ""));
                        continue;
                    }
                    return Optional.of(rejected(snippet, source, name));
                case RECOVERABLE_NOT_DEFINED:
                    return Optional.of(where + "error: cannot define " + describeSnippet(snippet)
                            + ": it needs " + unresolvedDependencies(snippet)
                            + ", which is not defined (declare what it needs before it)\n"
                            + source.excerpt(-1));
                default:
                    break;
            }
            if (event.exception() != null) {
                return Optional.of(thrown(event.exception(), source, where));
            }
        }
        return Optional.empty();
    }

    private String vmEnded(SourceSnippet source, String name) {
        OptionalInt status = vm.exitStatus(EXIT_STATUS_WAIT_MILLIS);
        return "notebook ended the JShell VM (System.exit?) at " + name + ":" + source.line()
                + (status.isPresent() ? " (exit status " + status.getAsInt() + ")" : "")
                + "; the snippets after it did not run\n" + source.excerpt(-1);
    }

    private String rejected(Snippet snippet, SourceSnippet source, String name) {
        StringBuilder message = new StringBuilder();
        // JShell can report one error twice on one line (for the snippet "else {", "reached end
        // of file while parsing" at its end and at its start); each is shown once.
        Set<String> reported = new HashSet<>();
        for (Diag diag : shell.diagnostics(snippet).toList()) {
            if (!diag.isError()) {
                continue;
            }
            long position = diag.getPosition() >= 0 ? diag.getPosition() : diag.getStartPosition();
            String error = name + ":" + source.lineAt(position) + ": error: "
                    + diagnosticText(diag);
            if (!reported.add(error)) {
                continue;
            }
            if (message.length() > 0) {
                message.append('\n');
            }
            message.append(error).append('\n').append(source.excerpt(position));
        }
        if (message.length() == 0) {
            message.append(name).append(':').append(source.line())
                    .append(": error: snippet rejected\n").append(source.excerpt(-1));
        }
        continuationHint(source.source()).ifPresent(hint -> message.append('\n').append(hint));
        if (!skippedImports.isEmpty()) {
            message.append("\nnote: startup imports skipped, not on the class path: ")
                    .append(String.join(", ", skippedImports));
        }
        return message.toString();
    }

    /**
     * Explains JShell's snippet rule when a rejected snippet starts (after blanks and comments)
     * with what can only continue the line before: a dot or a binary operator, or {@code else},
     * {@code catch} or {@code finally}. JShell ends a snippet at the end of a line that
     * completes a statement, so such a line begins a snippet of its own, which javac reports
     * only as "illegal start of expression" or "reached end of file while parsing".
     *
     * @param source a rejected snippet's source
     * @return the note to append to the error, if the snippet starts that way
     */
    static Optional<String> continuationHint(String source) {
        String code = source.substring(SourceSplitter.skipBlanksAndComments(
                source, 0, source.length()));
        Matcher keyword = CONTINUING_KEYWORD.matcher(code);
        Matcher operator = CONTINUING_OPERATOR.matcher(code);
        String start;
        String fix;
        if (keyword.lookingAt()) {
            start = keyword.group(1);
            String example = switch (start) {
                case "else" -> "} else {";
                case "catch" -> "} catch (Exception e) {";
                default -> "} finally {";
            };
            fix = "Keep the closing brace and '" + start + "' on one line: '" + example
                    + "'\n      ";
        } else if (operator.lookingAt()) {
            start = operator.group(1);
            fix = "Break long expressions after a dot or an operator, never before one:\n"
                    + "      end the line before with the '" + start + "' ";
        } else {
            return Optional.empty();
        }
        return Optional.of("note: JShell ends a snippet at the end of a line that completes a"
                + " statement, so the statement\n      ending on the line before ran on its own,"
                + " and this line, starting with '" + start + "', cannot\n      stand alone. "
                + fix + "(see \"Notebooks\" in README.md).");
    }

    /**
     * The {@code +} or {@code -} a snippet starts with (after blanks and comments), unless it is
     * {@code ++} or {@code --}: as a statement of its own it is a unary sign whose value JShell
     * drops, so in a notebook it can only be a broken continuation of the line before.
     */
    static Optional<String> leadingSign(String source) {
        String code = source.substring(SourceSplitter.skipBlanksAndComments(
                source, 0, source.length()));
        Matcher sign = LEADING_SIGN.matcher(code);
        return sign.lookingAt() ? Optional.of(sign.group(1)) : Optional.empty();
    }

    private static String diagnosticText(Diag diag) {
        // JShell wraps snippets in an unnamed class, which javac then reports as "class ".
        return diag.getMessage(Locale.ROOT).lines()
                .filter(line -> !line.strip().equals("location: class"))
                .collect(Collectors.joining("\n"));
    }

    private String thrown(Exception exception, SourceSnippet source, String where) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            Snippet declaration = unresolved.getSnippet();
            Running declared = notebookSnippets.get(declaration.id());
            return where + "error: " + describeSnippet(declaration)
                    + (declared == null ? "" : " (" + declared.location() + ")")
                    + " cannot run: it needs " + unresolvedDependencies(declaration)
                    + ", which is not defined\n" + source.excerpt(-1);
        }
        StringBuilder message = new StringBuilder(where).append("exception ")
                .append(describeException(exception)).append('\n').append(source.excerpt(-1));
        Throwable current = exception;
        while (current != null) {
            if (current != exception) {
                message.append("\nCaused by: ").append(describeException(current));
            }
            StackTraceElement[] frames = current.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
                message.append("\n        at ").append(frame(frames[i]));
            }
            if (frames.length > MAX_FRAMES) {
                message.append("\n        ... ").append(frames.length - MAX_FRAMES).append(" more");
            }
            current = current.getCause();
        }
        return message.toString();
    }

    /** Names a snippet's exception by its own class, not JShell's wrapper. */
    private static String describeException(Throwable throwable) {
        String type = throwable instanceof EvalException eval
                ? eval.getExceptionClassName()
                : throwable.getClass().getName();
        String text = throwable.getMessage();
        return text == null ? type : type + ": " + text;
    }

    /** Shows a stack frame in a snippet as its notebook line, others as the JVM does. */
    private String frame(StackTraceElement frame) {
        String file = frame.getFileName();
        Running located = file != null && file.startsWith("#")
                ? notebookSnippets.get(file.substring(1))
                : null;
        if (located == null || frame.getLineNumber() < 1) {
            return frame.toString();
        }
        String method = frame.getClassName().isEmpty()
                ? frame.getMethodName()
                : frame.getClassName() + "." + frame.getMethodName();
        String location = located.name() + ":"
                + (located.snippet().line() + frame.getLineNumber() - 1);
        return method.isEmpty() ? location : method + "(" + location + ")";
    }

    /** Finds a notebook declaration that still refers to something never defined. */
    private Optional<String> unresolvedDeclaration() {
        for (Snippet snippet : shell.snippets().toList()) {
            Running located = notebookSnippets.get(snippet.id());
            Snippet.Status status = shell.status(snippet);
            if (located != null && (status == Snippet.Status.RECOVERABLE_DEFINED
                    || status == Snippet.Status.RECOVERABLE_NOT_DEFINED)) {
                return Optional.of(located.location() + ": error: "
                        + describeSnippet(snippet) + " needs " + unresolvedDependencies(snippet)
                        + ", which the notebook never defines\n"
                        + located.snippet().excerpt(-1));
            }
        }
        return Optional.empty();
    }

    private String unresolvedDependencies(Snippet snippet) {
        if (!(snippet instanceof DeclarationSnippet declaration)) {
            return "an undefined name";
        }
        String names = shell.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
        return names.isEmpty() ? "an undefined name" : names;
    }

    private static String describeSnippet(Snippet snippet) {
        if (snippet instanceof MethodSnippet method) {
            return "method " + method.name() + "(" + method.parameterTypes() + ")";
        }
        if (snippet instanceof PersistentSnippet declaration) {
            String kind = switch (snippet.kind()) {
                case TYPE_DECL -> "type";
                case VAR -> "variable";
                default -> "declaration";
            };
            return kind + " " + declaration.name();
        }
        return "snippet";
    }
}
