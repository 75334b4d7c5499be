package jgrad.notebooks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps README's "Getting started" true: the Java example compiles against jgrad and learns,
 * the Maven coordinates are this build's, and each {@code jshell>} line of a marked transcript
 * gives the value shown.
 */
class ReadmeExamplesTest {

    private static final Pattern JAVA_EXAMPLE = Pattern.compile(
            "<!-- readme-example: (\\w+)\\.java[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TRANSCRIPT = Pattern.compile(
            "<!-- readme-transcript[^>]*-->\\s*```\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern DEPENDENCY = Pattern.compile(
            "```xml\\s*<dependency>\\s*<groupId>(.*?)</groupId>\\s*<artifactId>(.*?)"
                    + "</artifactId>\\s*<version>(.*?)</version>");
    private static final long PROCESS_LIMIT_SECONDS = 120;

    @TempDir
    Path directory;

    @Test
    void javaExampleCompilesAgainstJgradAndLearnsXor() throws Exception {
        Matcher example = JAVA_EXAMPLE.matcher(readme());
        assertTrue(example.find(), "README has no readme-example block");
        String className = example.group(1);
        Path source = Files.writeString(directory.resolve(className + ".java"), example.group(2));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = compiler.run(null, diagnostics, diagnostics, "-d", directory.toString(),
                "--class-path", System.getProperty("java.class.path"), source.toString());
        assertEquals(0, compiled, diagnostics.toString(UTF_8));

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (ModuleFinder.ofSystem().find(SnippetVmOptions.VECTOR_MODULE).isPresent()) {
            command.add("--add-modules=" + SnippetVmOptions.VECTOR_MODULE);
        }
        command.addAll(List.of("-cp",
                directory + File.pathSeparator + System.getProperty("java.class.path"),
                className));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), UTF_8);
        }
        if (!process.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the README example did not end");
        }
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("step 300: loss "), output);
    }

    @Test
    void dependencyCoordinatesAreThisBuilds() throws IOException {
        Matcher dependency = DEPENDENCY.matcher(readme());
        assertTrue(dependency.find(), "README has no <dependency> block");
        String rootPom = Files.readString(root().resolve("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>jgrad-parent</artifactId>\\s*"
                + "<version>(.*?)</version>").matcher(rootPom);
        assertTrue(version.find());
        assertEquals("dev.jgrad", dependency.group(1));
        assertTrue(rootPom.contains("<module>" + dependency.group(2) + "</module>"),
                dependency.group(2) + " is not a module of this build");
        assertEquals(version.group(1), dependency.group(3));
    }

    @Test
    void transcriptLinesGiveTheValuesShown() throws Exception {
        Matcher transcript = TRANSCRIPT.matcher(readme());
        int checked = 0;
        String startup;
        try (InputStream in = NotebookRunner.class.getResourceAsStream(
                NotebookRunner.STARTUP_RESOURCE)) {
            startup = new String(in.readAllBytes(), UTF_8);
        }
        String classPath = System.getProperty("java.class.path");
        // Snippets run in this JVM: their figures go to a folder of this test, not to one a
        // notebook run was given (mvn -Djgrad.figures=docs/figures).
        String figures = System.getProperty(jgrad.plots.Plots.FIGURES_PROPERTY);
        System.setProperty(jgrad.plots.Plots.FIGURES_PROPERTY, directory.toString());
        try (JShell shell = JShell.builder().executionEngine("local")
                .compilerOptions("--class-path", classPath).build()) {
            shell.addToClasspath(classPath);
            for (String line : startup.lines().toList()) {
                if (line.startsWith("import ")) {
                    shell.eval(line);
                }
            }
            while (transcript.find()) {
                List<String> lines = transcript.group(1).lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).startsWith("jshell> ")) {
                        continue;
                    }
                    String input = lines.get(i).substring("jshell> ".length());
                    String shown = lines.get(i + 1);
                    String expected = shown.substring(shown.indexOf("==> ") + 4);
                    assertEquals(expected, value(shell, input), input);
                    checked++;
                }
            }
        } finally {
            if (figures == null) {
                System.clearProperty(jgrad.plots.Plots.FIGURES_PROPERTY);
            } else {
                System.setProperty(jgrad.plots.Plots.FIGURES_PROPERTY, figures);
            }
        }
        assertTrue(checked >= 3, "transcript lines checked: " + checked);
    }

    private static String value(JShell shell, String input) {
        // As typed at the prompt: JShell's analysis adds the semicolon a line may leave out.
        String source = shell.sourceCodeAnalysis().analyzeCompletion(input).source();
        List<SnippetEvent> events = shell.eval(source == null ? input : source);
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            assertFalse(event.status() == Snippet.Status.REJECTED,
                    input + ": " + shell.diagnostics(event.snippet())
                            .map(d -> d.getMessage(java.util.Locale.ROOT)).toList());
            if (event.exception() != null) {
                fail(input + " threw " + event.exception());
            }
            return event.value();
        }
        throw new AssertionError("no value for " + input);
    }

    private static String readme() throws IOException {
        return Files.readString(root().resolve("README.md"));
    }

    private static Path root() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return Files.isRegularFile(here.resolve("README.md")) ? here : here.getParent();
    }
}
