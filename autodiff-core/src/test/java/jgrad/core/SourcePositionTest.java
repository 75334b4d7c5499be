package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Call sites named in JShell (user trial finding B19): a gradient check's {@code createdAt} and
 * anomaly detection's message name the snippet's line, never a frame of jgrad or of JShell's
 * generated wrapper class ({@code $JShell$12.java:7}).
 */
class SourcePositionTest {

    private static JShell shell;

    @BeforeAll
    static void startShell() {
        String classPath = System.getProperty("java.class.path");
        shell = JShell.builder().executionEngine("local")
                .compilerOptions("--class-path", classPath).build();
        shell.addToClasspath(classPath);
        value("import jgrad.core.*;");
        value("import jgrad.check.*;");
    }

    @AfterAll
    static void closeShell() {
        shell.close();
    }

    /** Evaluates one snippet; its value, or its exception's message. */
    private static String value(String source) {
        List<SnippetEvent> events = shell.eval(source);
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            assertFalse(event.status() == Snippet.Status.REJECTED, source + ": "
                    + shell.diagnostics(event.snippet()).map(d -> d.getMessage(Locale.ROOT))
                            .toList());
            if (event.exception() != null) {
                return event.exception().getMessage();
            }
            return event.value();
        }
        throw new AssertionError("no value for " + source);
    }

    @Test
    void aCheckCreatedInAJShellExpressionNamesTheSnippetLine() {
        assertEquals("\"jshell snippet, line 1\"",
                value("GradCheck.of(Tensor::exp).createdAt()"));
        assertEquals("\"jshell snippet, line 2\"",
                value("\"\"\n    + GradCheck.of(Tensor::exp).createdAt()"));
    }

    @Test
    void aCheckCreatedInAJShellStatementOrVariableNamesTheSnippetLine() {
        value("String where = GradCheck.check(Tensor::exp, Tensor.of(1, 2),"
                + " Tolerance.FLOAT64).createdAt();");
        assertEquals("\"jshell snippet, line 1\"", value("where"));
        value("String[] held = new String[1];");
        value("for (int i = 0; i < 1; i++) {\n"
                + "    held[i] = GradCheck.check(Tensor::exp, Tensor.of(1, 2),\n"
                + "            Tolerance.FLOAT64).toString();\n"
                + "}");
        String report = value("held[0]");
        assertTrue(report.contains("at jshell snippet, line 2; x [2] -> [2]"), report);
        assertFalse(report.contains("$JShell$"), report);
    }

    @Test
    void aCheckCreatedInAMethodDeclaredInJShellNamesTheMethod() {
        value("String createdIn() {\n"
                + "    return GradCheck.of(Tensor::exp).createdAt();\n"
                + "}");
        assertEquals("\"jshell snippet, line 2 (in createdIn)\"", value("createdIn()"));
    }

    @Test
    void anomalyDetectionInJShellNamesTheSnippetLine() {
        String message = value("Autodiff.detectAnomaly(() -> Tensor.of(1, -1).log())");
        assertTrue(message.startsWith("anomaly: log produced NaN from finite inputs, at jshell"
                + " snippet, line 1; first at element [1] (NaN) of its output [2]"), message);
        assertFalse(message.contains("$JShell$"), message);
    }

    @Test
    void compiledCodeKeepsItsFileAndLine() {
        int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        String position = StackWalker.getInstance().walk(s -> s.findFirst()).map(SourcePosition::of)
                .orElseThrow();
        assertEquals("SourcePositionTest.java:" + line, position);
        assertFalse(SourcePosition.isJShell(getClass().getName()));
        assertTrue(SourcePosition.isJShell("REPL.$JShell$12"));
    }
}
