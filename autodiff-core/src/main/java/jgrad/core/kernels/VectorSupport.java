package jgrad.core.kernels;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Decides once per JVM whether jgrad's kernels use the Vector API ({@code jdk.incubator.vector})
 * or plain Java, in the manner of Apache Lucene's vectorization provider: the Vector API runs only
 * when its incubator module is in the boot layer ({@code java --add-modules
 * jdk.incubator.vector}), the system property {@value #PROPERTY} is not {@code false}, and the JIT
 * compiler C2 is on (without it the Vector API runs interpreted, far slower than plain Java). The
 * classes naming the module are loaded by reflection on that path only, so a JVM without the
 * module never fails to link them.
 *
 * <p>The decision is logged once, at {@code INFO} on the {@link System.Logger} {@code
 * jgrad.core.kernels}: which path runs, and on the plain path how to enable the fast one.
 */
public final class VectorSupport {

    /** System property: {@code false} turns the Vector API kernels off. */
    public static final String PROPERTY = "jgrad.vector";

    /** The incubator module the fast kernels need. */
    public static final String MODULE = "jdk.incubator.vector";

    private static final String VECTOR_GEMM = "jgrad.core.kernels.VectorGemm";

    private static final GemmEngine VECTOR;
    private static final String DESCRIPTION;

    static {
        Unavailable unavailable = unavailable();
        GemmEngine vector = null;
        if (unavailable == null) {
            try {
                vector = (GemmEngine) Class.forName(VECTOR_GEMM).getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                unavailable = new Unavailable("the Vector API kernels could not start (" + cause
                        + ")", "report this with the JVM's version");
            }
        }
        String description;
        if (vector != null) {
            description = "jgrad kernels: Vector API (" + MODULE + "), "
                    + ((VectorGemm) vector).describe();
        } else {
            description = "jgrad kernels: plain Java, because " + unavailable.reason()
                    + ". For the Vector API kernels (several times faster), "
                    + unavailable.remedy();
        }
        VECTOR = vector;
        DESCRIPTION = description;
        System.getLogger("jgrad.core.kernels").log(Level.INFO, DESCRIPTION);
    }

    private VectorSupport() {}

    /** Whether the Vector API kernels run. */
    public static boolean enabled() {
        return VECTOR != null;
    }

    /** The line logged at start-up: which path runs and why. */
    public static String description() {
        return DESCRIPTION;
    }

    /**
     * Waits until the vector kernels reached compiled speed (see {@code Warmup}); false if they did
     * not within the timeout or the Vector API is off. For tests.
     */
    static boolean awaitWarmup(long timeout, TimeUnit unit) throws InterruptedException {
        return VECTOR != null && ((VectorGemm) VECTOR).awaitWarmup(timeout, unit);
    }

    static GemmEngine vectorGemm() {
        if (VECTOR == null) {
            throw new UnsupportedOperationException(DESCRIPTION);
        }
        return VECTOR;
    }

    /** Why the Vector API cannot run and what would change that. */
    private record Unavailable(String reason, String remedy) {}

    /** Why the Vector API cannot run, or null if it can. */
    private static Unavailable unavailable() {
        if ("false".equals(System.getProperty(PROPERTY, "").strip().toLowerCase(Locale.ROOT))) {
            return new Unavailable("-D" + PROPERTY + "=false turned them off",
                    "run java without -D" + PROPERTY + "=false");
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return new Unavailable("the module " + MODULE + " is not in the boot layer",
                    "run java with --add-modules " + MODULE);
        }
        String compiler = c2Missing();
        return compiler == null ? null
                : new Unavailable(compiler, "run java with its optimising JIT compiler (C2)");
    }

    /** Why C2 is not available (interpreter only, or tiered compilation stopped below C2). */
    private static String c2Missing() {
        if (System.getProperty("java.vm.info", "").contains("interpreted mode")) {
            return "the JVM runs in interpreted mode (-Xint)";
        }
        try {
            var bean = ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class);
            if (bean != null) {
                int level = Integer.parseInt(bean.getVMOption("TieredStopAtLevel").getValue());
                boolean tiered = Boolean.parseBoolean(bean.getVMOption("TieredCompilation")
                        .getValue());
                if (tiered && level < 4) {
                    return "-XX:TieredStopAtLevel=" + level + " keeps the C2 compiler off";
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // Not HotSpot, or no management module: assume an optimising compiler.
        }
        return null;
    }
}
