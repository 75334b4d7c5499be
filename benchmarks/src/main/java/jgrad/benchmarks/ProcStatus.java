package jgrad.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads this process's memory figures from {@code /proc/self/status} (Linux). */
final class ProcStatus {

    private ProcStatus() {}

    /** Peak resident set size ({@code VmHWM}) in bytes. */
    static long peakRssBytes() {
        return field("VmHWM");
    }

    /**
     * {@code field}'s value in bytes, from a {@code "Name:   1234 kB"} line.
     *
     * @throws IllegalStateException if the file has no such line (not Linux)
     */
    static long field(String field) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/status"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status (Linux only)", e);
        }
        return parseKilobytes(lines, field);
    }

    static long parseKilobytes(List<String> lines, String field) {
        for (String line : lines) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).strip().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        }
        throw new IllegalStateException("/proc/self/status has no '" + field + ": N kB' line");
    }
}
