package jgrad.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small parts: runner output, medians, /proc parsing, cpu text, number and table format. */
class HarnessPartsTest {

    @Test
    void runnerOutputIsReadWithNanAndCommentsAndWrittenBackTheSame(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("out.csv");
        Measurement m = new Measurement("chain", "memory", 200.5, 0.6616323901066004);
        Files.writeString(file, "# a comment\n\n" + m.toLine() + "\nmlp,time,nan,NaN\n");
        List<Measurement> read = Measurement.read(file);
        assertEquals(m, read.get(0));
        assertTrue(Double.isNaN(read.get(1).value()) && Double.isNaN(read.get(1).check()));
    }

    @Test
    void aMalformedRunnerLineIsRefusedNamingTheFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out.csv");
        Files.writeString(file, "a,time,1,2\nb,time,fast,2\n");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Measurement.read(file));
        assertTrue(error.getMessage().contains(file + " line 2: not a number: 'fast'"),
                error.getMessage());
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(3, Timing.median(new double[] {5, 1, 3}));
        assertEquals(2.5, Timing.median(new double[] {4, 1, 3, 2}));
        assertThrows(IllegalArgumentException.class, () -> Timing.median(new double[0]));
    }

    @Test
    void procStatusFieldsAreReadInBytes() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 9000 kB", "VmHWM:\t  123456 kB",
                "VmRSS:\t   120000 kB");
        assertEquals(123456L * 1024, ProcStatus.parseKilobytes(status, "VmHWM"));
        assertEquals(120000L * 1024, ProcStatus.parseKilobytes(status, "VmRSS"));
        assertThrows(IllegalStateException.class,
                () -> ProcStatus.parseKilobytes(status, "VmSwap"));
    }

    @Test
    void theCpuColumnNamesModelCoresAndVectorWidth() {
        List<String> cpuinfo = List.of("processor\t: 0", "model name\t: AMD EPYC",
                "flags\t\t: fpu sse2 avx avx2 avx512f", "", "processor\t: 1",
                "model name\t: AMD EPYC", "flags\t\t: fpu sse2 avx avx2 avx512f");
        assertEquals("AMD EPYC, 2 cores, AVX-512", CpuInfo.describe(cpuinfo));
        assertEquals("unknown cpu, 1 cores, AVX2",
                CpuInfo.describe(List.of("processor : 0", "flags : avx avx2")));
    }

    @Test
    void numbersKeepThreeSignificantDigitsInTheTableAndFourInTheCsv() {
        assertEquals("36.2", Numbers.cell(36.2449));
        assertEquals("0.0605", Numbers.cell(0.060512));
        assertEquals("1234", Numbers.cell(1234.4));
        assertEquals("33", Numbers.cell(32.95));
        assertEquals("-", Numbers.cell(Double.NaN));
        assertEquals("36.24", Numbers.significant(36.2449, 4));
        assertEquals("1100", Numbers.significant(1100.2, 4));
        assertEquals("", Numbers.significant(Double.NaN, 4));
    }

    @Test
    void tableColumnsArePaddedRightAlignedWhereAskedAndPipesEscaped() {
        String table = MarkdownTable.format(List.of("name", "n"),
                List.of(List.of("a|b", "1"), List.of("long name", "123")), List.of(1));
        assertEquals("""
                | name      |   n |
                | --------- | --: |
                | a\\|b      |   1 |
                | long name | 123 |
                """, table);
        assertThrows(IllegalArgumentException.class,
                () -> MarkdownTable.format(List.of("a", "b"), List.of(List.of("x")), List.of()));
    }
}
