package jgrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Which path runs, decided once per JVM: each case starts a JVM of its own (the test class path,
 * {@link GemmSelfCheck} as main) with or without the Vector API module and checks the single
 * start-up log line, that nothing fails to link, and the results against the reference.
 */
class VectorSupportTest {

    private static final String MODULE_FLAG = "--add-modules=jdk.incubator.vector";

    @Test
    void withoutTheModuleThePlainPathRunsAndTheLogSaysHowToEnableTheVectorApi()
            throws Exception {
        Run run = run(List.of());
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("engine: plain"), run.output());
        assertTrue(run.output().contains("plain Java, because the module jdk.incubator.vector"
                + " is not in the boot layer"), run.output());
        assertTrue(run.output().contains("run java with --add-modules jdk.incubator.vector"),
                run.output());
        assertTrue(!run.output().contains("NoClassDefFoundError"), run.output());
        assertEquals(1, run.logLines(), run.output());
    }

    @Test
    void thePropertyFalseTurnsTheVectorApiOffEvenWithTheModule() throws Exception {
        Run run = run(List.of(MODULE_FLAG, "-Djgrad.vector=false"));
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("engine: plain"), run.output());
        assertTrue(run.output().contains("-Djgrad.vector=false turned them off"), run.output());
        assertEquals(1, run.logLines(), run.output());
    }

    @Test
    void withTheModuleTheVectorPathRunsAndSaysSo() throws Exception {
        Run run = run(List.of(MODULE_FLAG));
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("engine: vector"), run.output());
        assertTrue(run.output().contains("compiled: true"), run.output());
        assertTrue(run.output().contains("jgrad kernels: Vector API (jdk.incubator.vector), "),
                run.output());
        assertEquals(1, run.logLines(), run.output());
    }

    @Test
    void narrowerVectorsAndTheSmallerRegisterTileMatchTheReference() throws Exception {
        for (String bits : new String[] {"128", "256"}) {
            Run run = run(List.of(MODULE_FLAG, "-Djgrad.vector.bits=" + bits));
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains(bits + "-bit vectors"), run.output());
            assertTrue(run.output().contains("compiled: true"), run.output());
            assertTrue(run.output().contains("checked: 80"), run.output());
        }
    }

    private record Run(int exitCode, String output) {
        long logLines() {
            return output.lines().filter(line -> line.contains("jgrad kernels: ")).count();
        }
    }

    private static Run run(List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(GemmSelfCheck.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
