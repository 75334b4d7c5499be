package jgrad.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The {@code cpu} column: model name, core count and widest vector extension. */
final class CpuInfo {

    private CpuInfo() {}

    /** This machine's description from {@code /proc/cpuinfo}, or the JVM's view without it. */
    static String describe() {
        try {
            return describe(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException e) {
            return System.getProperty("os.arch") + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores";
        }
    }

    /** {@code AMD EPYC, 2 cores, AVX-512} from the lines of a {@code /proc/cpuinfo}. */
    static String describe(List<String> cpuinfo) {
        String model = "unknown cpu";
        int processors = 0;
        String vector = "";
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("processor")) {
                processors++;
            } else if (key.equals("model name") && model.equals("unknown cpu")) {
                model = value;
            } else if (key.equals("flags") && vector.isEmpty()) {
                List<String> flags = List.of(value.split("\\s+"));
                vector = flags.contains("avx512f") ? "AVX-512"
                        : flags.contains("avx2") ? "AVX2" : flags.contains("avx") ? "AVX" : "";
            }
        }
        return model + ", " + processors + " cores" + (vector.isEmpty() ? "" : ", " + vector);
    }
}
