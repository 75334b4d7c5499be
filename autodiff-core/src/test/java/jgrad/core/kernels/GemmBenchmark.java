package jgrad.core.kernels;

import com.google.common.collect.ImmutableList;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Measurement main (not a test): GFLOP/s of the matrix product for square sizes and for the
 * products of an MLP 784-256-128-10 training step, printed as CSV. Its PyTorch peer is {@code
 * autodiff-core/src/test/python/gemm_peer.py} (same cases); {@code gemm_compare.py} there runs
 * both as servers ({@code --serve true}) and times them in alternation, the fair comparison on a
 * shared machine. Entry points for a JMH or workload harness: {@link #defaultCases()}, {@link
 * #measure}, {@link Prepared}.
 *
 * <pre>
 * mvn -B -q -pl autodiff-core test-compile
 * mvn -B -q -pl autodiff-core dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * T=autodiff-core/target
 * java --add-modules jdk.incubator.vector -cp "$T/classes:$T/test-classes:$(cat $T/cp.txt)" \
 *     jgrad.core.kernels.GemmBenchmark \
 *     --threads 1 [--engine fast|vector|plain] [--seconds 3] [--repeats 15] [--filter square]
 * </pre>
 */
public final class GemmBenchmark {

    /** One product: {@code op(A) [m, k] x op(B) [k, n]}. */
    public record Case(String name, MatrixOp opA, MatrixOp opB, int m, int n, int k) {
        public GemmLayout layout() {
            return GemmLayout.of(opA, opB, m, n, k);
        }

        public long flops() {
            return 2L * m * n * k;
        }

        public String shape() {
            return letter(opA) + letter(opB) + " m=" + m + " n=" + n + " k=" + k;
        }

        private static String letter(MatrixOp op) {
            return op == MatrixOp.TRANSPOSE ? "T" : "N";
        }
    }

    /**
     * GFLOP/s over {@code repeats} timed runs: median, minimum, maximum of wall-clock rates, and
     * the median rate per CPU time of the calling thread ({@code cpuMedian}; with one thread, the
     * speed undisturbed by other processes taking the core, the number to tune on a shared
     * machine; NaN with more threads) and the highest such rate ({@code cpuMax}).
     */
    public record Result(Case product, String dtype, int threads, String engine, double median,
            double min, double max, double cpuMedian, double cpuMax) {
        public String csv() {
            return String.format(Locale.ROOT, "%s,%s,%d,%.1f,%.1f,%.1f,%.1f,%.1f,%s,%s",
                    product.name(), dtype, threads, median, min, max, cpuMedian, cpuMax, engine,
                    product.shape());
        }
    }

    private GemmBenchmark() {}

    /** Square products {@code n = 128, 256, 512, 1024}. */
    public static ImmutableList<Case> squareCases() {
        ImmutableList.Builder<Case> cases = ImmutableList.builder();
        for (int n : new int[] {128, 256, 512, 1024}) {
            cases.add(new Case("square" + n, MatrixOp.IDENTITY, MatrixOp.IDENTITY, n, n, n));
        }
        return cases.build();
    }

    /**
     * The products of one training step of an MLP 784-256-128-10 with {@code y = x w^T}: the
     * forward products (NT), the input gradients {@code dx = g w} (NN) and the weight gradients
     * {@code dw = g^T x} (TN); the first layer's input gradient is not needed.
     */
    public static ImmutableList<Case> mlpCases(int batch) {
        MatrixOp n = MatrixOp.IDENTITY;
        MatrixOp t = MatrixOp.TRANSPOSE;
        String p = "mlp" + batch + ".";
        return ImmutableList.of(
                new Case(p + "fc1.forward", n, t, batch, 256, 784),
                new Case(p + "fc2.forward", n, t, batch, 128, 256),
                new Case(p + "fc3.forward", n, t, batch, 10, 128),
                new Case(p + "fc3.dx", n, n, batch, 128, 10),
                new Case(p + "fc3.dw", t, n, 10, 128, batch),
                new Case(p + "fc2.dx", n, n, batch, 256, 128),
                new Case(p + "fc2.dw", t, n, 128, 256, batch),
                new Case(p + "fc1.dw", t, n, 256, 784, batch));
    }

    /** Square sizes, then the MLP step at batch 32, 128 and 1024 (the peer script's order). */
    public static ImmutableList<Case> defaultCases() {
        ImmutableList.Builder<Case> cases = ImmutableList.builder();
        cases.addAll(squareCases());
        for (int batch : new int[] {32, 128, 1024}) {
            cases.addAll(mlpCases(batch));
        }
        return cases.build();
    }

    /**
     * Times {@code engine} on {@code product}: warm-up of about a second, then {@code repeats}
     * runs of about {@code seconds / repeats} each.
     */
    public static Result measure(GemmEngine engine, Case product, boolean float32, int threads,
            double seconds, int repeats) {
        SplittableRandom random = new SplittableRandom(0);
        GemmLayout layout = product.layout();
        int sizeA = product.m() * product.k();
        int sizeB = product.k() * product.n();
        int sizeC = product.m() * product.n();
        Runnable call;
        if (float32) {
            float[] a = floats(sizeA, random);
            float[] b = floats(sizeB, random);
            float[] c = new float[sizeC];
            call = () -> engine.gemm(layout, a, b, c, threads);
        } else {
            double[] a = random.doubles(sizeA, -1, 1).toArray();
            double[] b = random.doubles(sizeB, -1, 1).toArray();
            double[] c = new double[sizeC];
            call = () -> engine.gemm(layout, a, b, c, threads);
        }
        long calls = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 1_000_000_000L || calls < 3) {
            call.run();
            calls++;
        }
        double perCall = (System.nanoTime() - start) / 1e9 / calls;
        long inner = Math.max(1, Math.round(seconds / repeats / perCall));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] rates = new double[repeats];
        double[] cpuRates = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (long i = 0; i < inner; i++) {
                call.run();
            }
            rates[r] = product.flops() * inner / (double) (System.nanoTime() - t0);
            cpuRates[r] = product.flops() * inner
                    / (double) (cpu.getCurrentThreadCpuTime() - c0);
        }
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        return new Result(product, float32 ? "float32" : "float64", threads, engine.name(),
                rates[repeats / 2], rates[0], rates[repeats - 1],
                threads == 1 ? cpuRates[repeats / 2] : Double.NaN,
                threads == 1 ? cpuRates[repeats - 1] : Double.NaN);
    }

    private static float[] floats(int size, SplittableRandom random) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }

    /** One timed run of about {@code seconds}: wall-clock and calling-thread CPU GFLOP/s. */
    public record Sample(double wallRate, double cpuRate) {}

    /** A warmed-up product, ready to be timed again and again. */
    public static final class Prepared {
        private final Case product;
        private final Runnable call;
        private final double secondsPerCall;

        Prepared(GemmEngine engine, Case product, boolean float32, int threads) {
            this.product = product;
            SplittableRandom random = new SplittableRandom(0);
            GemmLayout layout = product.layout();
            int sizeA = product.m() * product.k();
            int sizeB = product.k() * product.n();
            int sizeC = product.m() * product.n();
            if (float32) {
                float[] a = floats(sizeA, random);
                float[] b = floats(sizeB, random);
                float[] c = new float[sizeC];
                call = () -> engine.gemm(layout, a, b, c, threads);
            } else {
                double[] a = random.doubles(sizeA, -1, 1).toArray();
                double[] b = random.doubles(sizeB, -1, 1).toArray();
                double[] c = new double[sizeC];
                call = () -> engine.gemm(layout, a, b, c, threads);
            }
            long calls = 0;
            long start = System.nanoTime();
            while (System.nanoTime() - start < 500_000_000L || calls < 3) {
                call.run();
                calls++;
            }
            secondsPerCall = (System.nanoTime() - start) / 1e9 / calls;
        }

        /** Times about {@code seconds} of calls. */
        public Sample sample(double seconds) {
            long inner = Math.max(1, Math.round(seconds / secondsPerCall));
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (long i = 0; i < inner; i++) {
                call.run();
            }
            long wall = System.nanoTime() - t0;
            long used = cpu.getCurrentThreadCpuTime() - c0;
            return new Sample(product.flops() * inner / (double) wall,
                    product.flops() * inner / (double) used);
        }
    }

    /**
     * Serves timing requests on standard input, one per line: {@code CASE DTYPE THREADS SECONDS},
     * answering {@code CASE,DTYPE,THREADS,WALL_GFLOPS,CPU_GFLOPS} (see {@code gemm_compare.py},
     * which alternates these with the PyTorch peer's so both see the same machine load).
     */
    private static void serve(GemmEngine engine) throws IOException {
        Map<String, Case> cases = new HashMap<>();
        for (Case product : defaultCases()) {
            cases.put(product.name(), product);
        }
        Map<String, Prepared> prepared = new HashMap<>();
        BufferedReader in = new BufferedReader(
                new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready " + engine.name());
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] request = line.strip().split("\\s+");
            if (request.length != 4) {
                System.out.println("error: expected CASE DTYPE THREADS SECONDS, got " + line);
                continue;
            }
            Case product = cases.get(request[0]);
            if (product == null) {
                System.out.println("error: unknown case " + request[0]);
                continue;
            }
            int threads = Integer.parseInt(request[2]);
            Prepared run = prepared.computeIfAbsent(line.substring(0, line.lastIndexOf(' ')),
                    key -> new Prepared(engine, product, request[1].equals("float32"), threads));
            Sample sample = run.sample(Double.parseDouble(request[3]));
            System.out.println(String.format(Locale.ROOT, "%s,%s,%d,%.2f,%.2f", product.name(),
                    request[1], threads, sample.wallRate(), sample.cpuRate()));
        }
    }

    public static void main(String[] args) throws IOException {
        int threads = 1;
        String engineName = "fast";
        double seconds = 3;
        int repeats = 15;
        String filter = "";
        List<String> dtypes = new ArrayList<>(List.of("float32", "float64"));
        boolean serve = false;
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(value);
                case "--engine" -> engineName = value;
                case "--seconds" -> seconds = Double.parseDouble(value);
                case "--repeats" -> repeats = Integer.parseInt(value);
                case "--filter" -> filter = value;
                case "--dtype" -> dtypes = List.of(value);
                case "--serve" -> serve = Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        GemmEngine engine = switch (engineName) {
            case "fast" -> GemmEngine.fast();
            case "vector" -> GemmEngine.vector();
            case "plain" -> GemmEngine.plain();
            case "reference" -> GemmEngine.reference();
            default -> throw new IllegalArgumentException("unknown engine " + engineName);
        };
        if (engine.name().equals("vector")) {
            try {
                if (!VectorSupport.awaitWarmup(10, TimeUnit.MINUTES)) {
                    System.out.println("# the vector kernels did not reach compiled speed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (serve) {
            serve(engine);
            return;
        }
        System.out.println("# jgrad " + engine.name() + ", threads " + threads + ", "
                + VectorSupport.description() + ", java " + Runtime.version());
        System.out.println(
                "case,dtype,threads,median_gflops,min,max,cpu_gflops,cpu_max,engine,shape");
        for (Case product : defaultCases()) {
            if (!product.name().contains(filter)) {
                continue;
            }
            for (String dtype : dtypes) {
                System.out.println(measure(engine, product, dtype.equals("float32"), threads,
                        seconds, repeats).csv());
            }
        }
    }
}
