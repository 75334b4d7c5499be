package jgrad.notebooks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jdk.jshell.tool.JavaShellToolBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interactive jshell as {@code ./notebook} starts it, driven with typed input: values in full,
 * the snippet VM's options, {@code /vars}, {@code /list}, {@code /methods}, {@code /save} and
 * {@code /open}; and Tab-Tab documentation of jgrad's classes.
 */
class JShellLauncherTest {

    // A hung jshell fails the test after this.
    private static final long PROCESS_LIMIT_SECONDS = 120;

    @TempDir
    Path directory;

    @Test
    void typedSessionShowsValuesInFullAndTheCommandsWorkAsInJshell() throws Exception {
        Path helper = Files.writeString(directory.resolve("helper.jsh"), """
                double half(double v) {
                    return v / 2;
                }
                """);
        Path saved = directory.resolve("saved.jsh");
        String typed = String.join("\n",
                "var x = Tensor.of(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,"
                        + " 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6}, 4, 4).add(1e-9)",
                "String flags = System.getProperty(\"java.awt.headless\") + \" \""
                        + " + ModuleLayer.boot().findModule(\"jdk.incubator.vector\").isPresent()",
                "/open " + helper,
                "double h = half(3)",
                "/vars",
                "/methods",
                "/list",
                "/save " + saved,
                "/exit",
                "");
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(transcript, true, UTF_8);
        Map<String, String> preferences = new HashMap<>(JShellLauncher.feedbackMode(
                Optional.of(directory.resolve("mode-cache.txt"))));
        Path startup = Path.of(NotebookRunner.class.getResource(NotebookRunner.STARTUP_RESOURCE)
                .toURI());
        String classPath = System.getProperty("java.class.path");

        int status = JavaShellToolBuilder.builder()
                .persistence(preferences)
                .in(new ByteArrayInputStream(typed.getBytes(UTF_8)), null)
                .out(out, out, out)
                .err(out, out)
                .start(JShellLauncher.arguments(new String[] {"--class-path", classPath,
                    "--startup", "DEFAULT", "--startup", startup.toString()}));
        String text = transcript.toString(UTF_8);

        assertEquals(0, status, text);
        // The tensor as this JVM prints it; JShell's normal mode would cut it to 80 characters
        // ("x ==> tensor([[0.1, 0.2, ... ape=[4, 4], dtype=float64)").
        String tensor = jgrad.core.Tensor.of(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7,
            0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6}, 4, 4).add(1e-9).toString();
        assertTrue(tensor.length() > 80 && tensor.contains("\n"), tensor);
        assertTrue(text.contains("x ==> " + tensor), text);
        assertTrue(text.contains("|    Tensor x = " + tensor), "/vars: " + text);
        assertTrue(text.contains("flags ==> \"true true\""), "snippet VM options: " + text);
        assertTrue(text.contains("h ==> 1.5"), "/open: " + text);
        assertTrue(text.contains("|    double half(double)"), "/methods: " + text);
        assertTrue(text.contains("double h = half(3);"), "/list: " + text);
        String savedText = Files.readString(saved);
        assertTrue(savedText.contains("double h = half(3);") && savedText.contains("var x ="),
                "/save: " + savedText);
        assertFalse(text.contains(" ... "), "nothing truncated: " + text);
    }

    @Test
    void theMadeFeedbackModeIsCachedForThisJavaVersion() throws IOException {
        Path cache = directory.resolve("cache/mode.txt");
        Map<String, String> made = JShellLauncher.feedbackMode(Optional.of(cache));
        String written = Files.readString(cache);

        assertTrue(written.startsWith(Runtime.version() + "\n"), written);
        assertEquals(made, JShellLauncher.feedbackMode(Optional.of(cache)));
        assertEquals(JShellLauncher.MODE, made.get("FEEDBACK"));
        // A cache of another Java version is made again.
        Files.writeString(cache, "0.0.0\nstale");
        assertEquals(made, JShellLauncher.feedbackMode(Optional.of(cache)));
    }

    @Test
    void overlaidPreferencesStayInMemoryAndTheRestReachJshellsOwn() throws Exception {
        java.util.prefs.Preferences base = java.util.prefs.Preferences.userRoot()
                .node("dev/jgrad/test-" + ProcessHandle.current().pid());
        try {
            JShellLauncher.OverlayPreferences preferences = new JShellLauncher.OverlayPreferences(
                    base, Map.of("MODE2", "made", "FEEDBACK", "jgrad"));
            preferences.put("HISTORY_LINE_0", "int a = 1;");
            preferences.put("FEEDBACK", "concise");

            assertEquals("int a = 1;", base.get("HISTORY_LINE_0", null));
            assertEquals(null, base.get("FEEDBACK", null));
            assertEquals("concise", preferences.get("FEEDBACK"));
            assertEquals("made", preferences.get("MODE2"));
            assertTrue(preferences.keySet().containsAll(
                    List.of("MODE2", "FEEDBACK", "HISTORY_LINE_0")));
            preferences.remove("HISTORY_LINE_0");
            assertEquals(null, base.get("HISTORY_LINE_0", null));
        } finally {
            base.removeNode();
        }
    }

    @Test
    void tabTabShowsTheJavadocOfJgradClassesFromTheirSources() throws Exception {
        Path sources = moduleRoot().resolveSibling("autodiff-core").resolve("src/main/java");
        assertTrue(Files.isDirectory(sources), sources.toString());

        String shown = probe("--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED", sources);
        assertTrue(shown.contains("Tensor Tensor.scalar(double value)\n"
                + "A rank-0 float64 tensor holding {@code value}."), shown);

        // Without the launcher's --add-opens the documentation is off, with a note saying why.
        String without = probe(null, null, sources);
        assertTrue(without.startsWith("OFF "), without);
        assertTrue(without.contains("NO JAVADOC"), without);
    }

    private String probe(String flag, String value, Path sources)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (flag != null) {
            command.add(flag);
            command.add(value);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                DocumentationProbe.class.getName(), sources.toString()));
        File output = directory.resolve("probe-" + (flag != null) + ".txt").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output).start();
        if (!process.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the documentation probe did not end: " + command);
        }
        String text = Files.readString(output.toPath());
        assertEquals(0, process.exitValue(), text);
        return text;
    }

    /** {@code notebooks-jshell/}, from Surefire's working directory or the repository root. */
    private static Path moduleRoot() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return Files.isRegularFile(here.resolve("startup.jsh"))
                ? here : here.resolve("notebooks-jshell");
    }
}
