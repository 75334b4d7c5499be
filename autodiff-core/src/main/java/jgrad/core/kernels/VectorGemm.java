package jgrad.core.kernels;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;

/**
 * The Vector API engine: {@link FloatVectorGemm} and {@link DoubleVectorGemm}. Only {@link
 * VectorSupport} creates it, by reflection and only when {@code jdk.incubator.vector} is in the
 * boot layer, so a JVM without the module never loads a class that names it.
 */
final class VectorGemm extends GemmEngine {

    /**
     * Test-only system property: the vector width in bits (64, 128, 256 or 512) instead of the
     * CPU's preferred one, to exercise narrower tiles and remainders on a wide machine (slow when
     * wider than the hardware).
     */
    static final String BITS_PROPERTY = "jgrad.vector.bits";

    /** The vector shape every kernel uses, fixed at start-up so the JIT treats it as constant. */
    static final VectorShape SHAPE = shape(System.getProperty(BITS_PROPERTY));

    /**
     * Vector registers a register tile may fill: 32 with AVX-512 (and on AArch64), 16 on x86
     * below 512 bits (AVX2). Tiles are sized so accumulators, operands and the broadcast fit.
     */
    static final int REGISTERS = isX86() && SHAPE.vectorBitSize() < 512 ? 16 : 32;

    /**
     * Register tile rows of both dtypes' kernels: 12 x 2 accumulators + 2 B vectors + 1 broadcast
     * fit 32 registers, 6 x 2 + 3 fit 16.
     */
    static final int TILE_ROWS = REGISTERS >= 32 ? 12 : 6;

    /** Created by {@link VectorSupport} only. */
    VectorGemm() {
        if (FloatVector.SPECIES_PREFERRED.length() < 4) {
            throw new UnsupportedOperationException("the CPU's preferred vectors hold "
                    + FloatVector.SPECIES_PREFERRED.length()
                    + " floats; the Vector API kernels need at least 4 (128 bits)");
        }
    }

    @Override
    public String name() {
        return "vector";
    }

    /** Width and tile sizes, for the start-up log line. */
    String describe() {
        // FloatVectorGemm's and DoubleVectorGemm's NR = 2 LANES, worked out here so that the log
        // line does not initialise those classes: each starts its warm-up thread on its dtype's
        // first product, not at start-up.
        int floatLanes = SHAPE.vectorBitSize() / Float.SIZE;
        int doubleLanes = SHAPE.vectorBitSize() / Double.SIZE;
        return String.format(Locale.ROOT,
                "%d-bit vectors (float %d lanes, double %d lanes), register tiles float %d x %d,"
                        + " double %d x %d",
                SHAPE.vectorBitSize(), floatLanes, doubleLanes, TILE_ROWS, 2 * floatLanes,
                TILE_ROWS, 2 * doubleLanes);
    }

    @Override
    void compute(GemmLayout layout, float[] a, float[] b, float[] c, int threads) {
        FloatVectorGemm.gemm(layout, a, b, c, threads);
    }

    @Override
    void compute(GemmLayout layout, double[] a, double[] b, double[] c, int threads) {
        DoubleVectorGemm.gemm(layout, a, b, c, threads);
    }

    /**
     * Waits until both dtypes' kernels finished warming up (see {@link Warmup}); true if both
     * reached compiled speed. For tests, which should exercise the vector kernels themselves.
     */
    boolean awaitWarmup(long timeout, TimeUnit unit) throws InterruptedException {
        boolean floats = FloatVectorGemm.WARMUP.await(timeout, unit);
        return DoubleVectorGemm.WARMUP.await(timeout, unit) && floats;
    }

    private static VectorShape shape(String bits) {
        if (bits == null) {
            return VectorShape.preferredShape();
        }
        try {
            return VectorShape.forBitSize(Integer.parseInt(bits.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("system property " + BITS_PROPERTY
                    + " must be 64, 128, 256 or 512, got '" + bits + "'", e);
        }
    }

    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86");
    }

}
