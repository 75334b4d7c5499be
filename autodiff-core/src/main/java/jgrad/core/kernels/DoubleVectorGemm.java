package jgrad.core.kernels;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float64 product on the Vector API, blocked as in Goto and van de Geijn, "Anatomy of
 * High-Performance Matrix Multiplication" (ACM TOMS 34(3), 2008) and the BLIS framework (Van Zee
 * and van de Geijn, ACM TOMS 41(3), 2015): for each {@code KC}-deep slice of the k-sum, a {@code
 * KC x NC} block of {@code op(B)} is packed into slivers {@code NR} columns wide (zero-padded), for
 * each {@code MC}-row block of {@code op(A)} a {@code MC x KC} block is packed into slivers {@code
 * MR} rows tall, and a register-tiled micro-kernel multiplies one A sliver by one B sliver into an
 * {@code MR x NR} tile of C held in vector registers (vectors along C's rows: {@code NR} is two
 * vectors). The B sliver ({@code KC x NR}) stays in L1 while the A slivers of the block stream
 * from L2. Packing reads a transposed operand in place, so {@code op} costs nothing extra.
 *
 * <p>Each element of C is {@code sum_p} in order within a {@code KC} slice, by fused multiply-add
 * into a zero accumulator, then stored (first slice) or added to C (later slices): the same
 * operations whatever the tile, block or thread the element falls in.
 */
final class DoubleVectorGemm {

    static final VectorSpecies<Double> SPECIES = VectorSpecies.of(double.class, VectorGemm.SHAPE);
    static final int LANES = SPECIES.length();
    /** Register tile rows: 12 x 2 accumulators + 2 B vectors + 1 broadcast fit 32 registers. */
    static final int MR = VectorGemm.REGISTERS >= 32 ? 12 : 6;
    /** Register tile columns: two vectors. */
    static final int NR = 2 * LANES;
    /** Depth of a k-slice: a B sliver ({@code KC x NR}) and an A sliver fit L1 together. */
    static final int KC = 192;
    /** Rows of a packed A block ({@code MC x KC}, about half of L2). */
    static final int MC = 20 * MR;
    /** Columns of a packed B block. */
    static final int NC = 64 * NR;
    /** Below this many floating-point operations one thread does the whole product. */
    static final long PARALLEL_FLOPS = 1L << 21;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private DoubleVectorGemm() {}

    static void gemm(GemmLayout l, double[] a, double[] b, double[] c, int threads) {
        GemmPartition.run(l, threads, PARALLEL_FLOPS, MR, NR,
                (entry, rowFrom, rowTo, columnFrom, columnTo) -> block(l, a,
                        l.aOffset() + entry * l.aStride(), b, l.bOffset() + entry * l.bStride(),
                        c, l.cOffset() + entry * l.cStride(), rowFrom, rowTo, columnFrom,
                        columnTo));
    }

    /** Rows {@code [i0, i1)} and columns {@code [j0, j1)} of one batch entry's C. */
    private static void block(GemmLayout l, double[] a, int aBase, double[] b, int bBase, double[] c,
            int cBase, int i0, int i1, int j0, int j1) {
        int k = l.k();
        int ldc = l.ldc();
        Buffers buffers = BUFFERS.get();
        double[] bp = buffers.packedB(Math.min(KC, k) * roundUp(Math.min(NC, j1 - j0), NR));
        double[] ap = buffers.packedA(Math.min(KC, k) * roundUp(Math.min(MC, i1 - i0), MR));
        double[] tile = buffers.tile;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean accumulate = pc > 0;
                packB(l, b, bBase, pc, kc, jc, nc, bp);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(l, a, aBase, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bo = jr * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int ao = ir * kc;
                            int co = cBase + (ic + ir) * ldc + jc + jr;
                            if (mr == MR && nr == NR) {
                                kernel(kc, ap, ao, bp, bo, c, co, ldc, accumulate);
                            } else {
                                kernel(kc, ap, ao, bp, bo, tile, 0, NR, false);
                                merge(tile, c, co, ldc, mr, nr, accumulate);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code C[MR, NR] (+)= Ap Bp} for one pair of slivers: the vector kernel once {@link
     * #WARMUP} has seen it compiled, before that {@link #scalarKernel}, which computes the same
     * bits (the Vector API runs about a thousand times slower than that until C2 compiles it).
     */
    private static void kernel(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co,
            int ldc, boolean accumulate) {
        if (!WARMUP.compiled()) {
            scalarKernel(kc, ap, ao, bp, bo, c, co, ldc, accumulate);
        } else if (MR == 12) {
            kernel12(kc, ap, ao, bp, bo, c, co, ldc, accumulate);
        } else {
            kernel6(kc, ap, ao, bp, bo, c, co, ldc, accumulate);
        }
    }

    /**
     * The register tile in scalar Java with the vector kernel's arithmetic, element by element:
     * {@code acc = fma(a, b, acc)} over {@code p} from a zero accumulator, then {@code c = acc} or
     * {@code c = acc + c}: bit-identical results.
     */
    static void scalarKernel(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co,
            int ldc, boolean accumulate) {
        for (int r = 0; r < MR; r++) {
            for (int j = 0; j < NR; j++) {
                double sum = 0d;
                for (int p = 0, ai = ao + r, bi = bo + j; p < kc; p++, ai += MR, bi += NR) {
                    sum = Math.fma(ap[ai], bp[bi], sum);
                }
                int index = co + r * ldc + j;
                c[index] = accumulate ? sum + c[index] : sum;
            }
        }
    }

    /** The vector micro-kernel, whether or not it is compiled yet (for tests). */
    static void vectorKernel(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co,
            int ldc, boolean accumulate) {
        if (MR == 12) {
            kernel12(kc, ap, ao, bp, bo, c, co, ldc, accumulate);
        } else {
            kernel6(kc, ap, ao, bp, bo, c, co, ldc, accumulate);
        }
    }

    /** Runs the vector kernel on its own data until C2 has compiled it (see {@link Warmup}). */
    static final Warmup WARMUP = Warmup.start("double", DoubleVectorGemm::warmupCalls);

    /** {@code calls} vector kernel calls on small slivers, both with and without accumulation. */
    private static void warmupCalls(int calls) {
        int kc = Warmup.DEPTH;
        double[] ap = new double[kc * MR];
        double[] bp = new double[kc * NR];
        double[] c = new double[MR * (NR + 1)];
        Arrays.fill(ap, 0.5d);
        Arrays.fill(bp, 0.25d);
        for (int call = 0; call < calls; call++) {
            vectorKernel(kc, ap, 0, bp, 0, c, call & 1, NR + (call & 1), (call & 1) == 1);
        }
    }

    /** Copies (or adds) the valid {@code mr x nr} corner of a full tile into C. */
    private static void merge(double[] tile, double[] c, int co, int ldc, int mr, int nr,
            boolean accumulate) {
        for (int r = 0; r < mr; r++) {
            int row = co + r * ldc;
            int t = r * NR;
            if (accumulate) {
                for (int j = 0; j < nr; j++) {
                    c[row + j] += tile[t + j];
                }
            } else {
                System.arraycopy(tile, t, c, row, nr);
            }
        }
    }

    /**
     * Packs {@code op(B)[pc, pc + kc) x [jc, jc + nc)} as slivers of {@code NR} columns: sliver
     * {@code s} holds {@code kc} rows of {@code NR} values from index {@code s * kc * NR}, columns
     * beyond {@code nc} zero.
     */
    private static void packB(GemmLayout l, double[] b, int bBase, int pc, int kc, int jc, int nc,
            double[] bp) {
        int ldb = l.ldb();
        for (int jr = 0; jr < nc; jr += NR) {
            int width = Math.min(NR, nc - jr);
            int dst = jr * kc;
            int j = jc + jr;
            if (!l.opB().transposed()) {
                int src = bBase + pc * ldb + j;
                for (int p = 0; p < kc; p++, src += ldb, dst += NR) {
                    System.arraycopy(b, src, bp, dst, width);
                    if (width < NR) {
                        Arrays.fill(bp, dst + width, dst + NR, 0d);
                    }
                }
            } else {
                for (int jj = 0; jj < width; jj++) {
                    int src = bBase + (j + jj) * ldb + pc;
                    int d = dst + jj;
                    for (int p = 0; p < kc; p++, d += NR) {
                        bp[d] = b[src + p];
                    }
                }
                for (int jj = width; jj < NR; jj++) {
                    for (int p = 0, d = dst + jj; p < kc; p++, d += NR) {
                        bp[d] = 0d;
                    }
                }
            }
        }
    }

    /**
     * Packs {@code op(A)[ic, ic + mc) x [pc, pc + kc)} as slivers of {@code MR} rows: sliver
     * {@code s} holds {@code kc} columns of {@code MR} values from index {@code s * kc * MR}, rows
     * beyond {@code mc} zero.
     */
    private static void packA(GemmLayout l, double[] a, int aBase, int ic, int mc, int pc, int kc,
            double[] ap) {
        int lda = l.lda();
        for (int ir = 0; ir < mc; ir += MR) {
            int height = Math.min(MR, mc - ir);
            int dst = ir * kc;
            int i = ic + ir;
            if (l.opA().transposed()) {
                int src = aBase + pc * lda + i;
                for (int p = 0; p < kc; p++, src += lda, dst += MR) {
                    for (int r = 0; r < height; r++) {
                        ap[dst + r] = a[src + r];
                    }
                    for (int r = height; r < MR; r++) {
                        ap[dst + r] = 0d;
                    }
                }
            } else {
                for (int r = 0; r < height; r++) {
                    int src = aBase + (i + r) * lda + pc;
                    for (int p = 0, d = dst + r; p < kc; p++, d += MR) {
                        ap[d] = a[src + p];
                    }
                }
                for (int r = height; r < MR; r++) {
                    for (int p = 0, d = dst + r; p < kc; p++, d += MR) {
                        ap[d] = 0d;
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /** A thread's packing buffers, grown on demand and kept for its next product. */
    private static final class Buffers {
        final double[] tile = new double[MR * NR];
        private double[] packedA = new double[0];
        private double[] packedB = new double[0];

        double[] packedA(int size) {
            if (packedA.length < size) {
                packedA = new double[size];
            }
            return packedA;
        }

        double[] packedB(int size) {
            if (packedB.length < size) {
                packedB = new double[size];
            }
            return packedB;
        }
    }

    /**
     * The 12 x 2-vector register tile: {@code c[r, :] (+)= sum_p ap[p * 12 + r] * bp[p * NR, +NR)}
     * for {@code p < kc}, one fused multiply-add per element and step, 24 accumulators.
     */
    private static void kernel12(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co,
            int ldc, boolean accumulate) {
        DoubleVector r0v0 = DoubleVector.zero(SPECIES);
        DoubleVector r0v1 = r0v0, r1v0 = r0v0, r1v1 = r0v0, r2v0 = r0v0, r2v1 = r0v0, r3v0 = r0v0;
        DoubleVector r3v1 = r0v0, r4v0 = r0v0, r4v1 = r0v0, r5v0 = r0v0, r5v1 = r0v0, r6v0 = r0v0;
        DoubleVector r6v1 = r0v0, r7v0 = r0v0, r7v1 = r0v0, r8v0 = r0v0, r8v1 = r0v0, r9v0 = r0v0;
        DoubleVector r9v1 = r0v0, r10v0 = r0v0, r10v1 = r0v0, r11v0 = r0v0, r11v1 = r0v0;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * 12;
            int bi = bo + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, bp, bi + LANES);
            DoubleVector x;
            x = DoubleVector.broadcast(SPECIES, ap[ai]);
            r0v0 = x.fma(b0, r0v0);
            r0v1 = x.fma(b1, r0v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 1]);
            r1v0 = x.fma(b0, r1v0);
            r1v1 = x.fma(b1, r1v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 2]);
            r2v0 = x.fma(b0, r2v0);
            r2v1 = x.fma(b1, r2v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 3]);
            r3v0 = x.fma(b0, r3v0);
            r3v1 = x.fma(b1, r3v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 4]);
            r4v0 = x.fma(b0, r4v0);
            r4v1 = x.fma(b1, r4v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 5]);
            r5v0 = x.fma(b0, r5v0);
            r5v1 = x.fma(b1, r5v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 6]);
            r6v0 = x.fma(b0, r6v0);
            r6v1 = x.fma(b1, r6v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 7]);
            r7v0 = x.fma(b0, r7v0);
            r7v1 = x.fma(b1, r7v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 8]);
            r8v0 = x.fma(b0, r8v0);
            r8v1 = x.fma(b1, r8v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 9]);
            r9v0 = x.fma(b0, r9v0);
            r9v1 = x.fma(b1, r9v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 10]);
            r10v0 = x.fma(b0, r10v0);
            r10v1 = x.fma(b1, r10v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 11]);
            r11v0 = x.fma(b0, r11v0);
            r11v1 = x.fma(b1, r11v1);
        }
        if (accumulate) {
            r0v0 = r0v0.add(DoubleVector.fromArray(SPECIES, c, co));
            r0v1 = r0v1.add(DoubleVector.fromArray(SPECIES, c, co + LANES));
            r1v0 = r1v0.add(DoubleVector.fromArray(SPECIES, c, co + 1 * ldc));
            r1v1 = r1v1.add(DoubleVector.fromArray(SPECIES, c, co + 1 * ldc + LANES));
            r2v0 = r2v0.add(DoubleVector.fromArray(SPECIES, c, co + 2 * ldc));
            r2v1 = r2v1.add(DoubleVector.fromArray(SPECIES, c, co + 2 * ldc + LANES));
            r3v0 = r3v0.add(DoubleVector.fromArray(SPECIES, c, co + 3 * ldc));
            r3v1 = r3v1.add(DoubleVector.fromArray(SPECIES, c, co + 3 * ldc + LANES));
            r4v0 = r4v0.add(DoubleVector.fromArray(SPECIES, c, co + 4 * ldc));
            r4v1 = r4v1.add(DoubleVector.fromArray(SPECIES, c, co + 4 * ldc + LANES));
            r5v0 = r5v0.add(DoubleVector.fromArray(SPECIES, c, co + 5 * ldc));
            r5v1 = r5v1.add(DoubleVector.fromArray(SPECIES, c, co + 5 * ldc + LANES));
            r6v0 = r6v0.add(DoubleVector.fromArray(SPECIES, c, co + 6 * ldc));
            r6v1 = r6v1.add(DoubleVector.fromArray(SPECIES, c, co + 6 * ldc + LANES));
            r7v0 = r7v0.add(DoubleVector.fromArray(SPECIES, c, co + 7 * ldc));
            r7v1 = r7v1.add(DoubleVector.fromArray(SPECIES, c, co + 7 * ldc + LANES));
            r8v0 = r8v0.add(DoubleVector.fromArray(SPECIES, c, co + 8 * ldc));
            r8v1 = r8v1.add(DoubleVector.fromArray(SPECIES, c, co + 8 * ldc + LANES));
            r9v0 = r9v0.add(DoubleVector.fromArray(SPECIES, c, co + 9 * ldc));
            r9v1 = r9v1.add(DoubleVector.fromArray(SPECIES, c, co + 9 * ldc + LANES));
            r10v0 = r10v0.add(DoubleVector.fromArray(SPECIES, c, co + 10 * ldc));
            r10v1 = r10v1.add(DoubleVector.fromArray(SPECIES, c, co + 10 * ldc + LANES));
            r11v0 = r11v0.add(DoubleVector.fromArray(SPECIES, c, co + 11 * ldc));
            r11v1 = r11v1.add(DoubleVector.fromArray(SPECIES, c, co + 11 * ldc + LANES));
        }
        r0v0.intoArray(c, co);
        r0v1.intoArray(c, co + LANES);
        r1v0.intoArray(c, co + 1 * ldc);
        r1v1.intoArray(c, co + 1 * ldc + LANES);
        r2v0.intoArray(c, co + 2 * ldc);
        r2v1.intoArray(c, co + 2 * ldc + LANES);
        r3v0.intoArray(c, co + 3 * ldc);
        r3v1.intoArray(c, co + 3 * ldc + LANES);
        r4v0.intoArray(c, co + 4 * ldc);
        r4v1.intoArray(c, co + 4 * ldc + LANES);
        r5v0.intoArray(c, co + 5 * ldc);
        r5v1.intoArray(c, co + 5 * ldc + LANES);
        r6v0.intoArray(c, co + 6 * ldc);
        r6v1.intoArray(c, co + 6 * ldc + LANES);
        r7v0.intoArray(c, co + 7 * ldc);
        r7v1.intoArray(c, co + 7 * ldc + LANES);
        r8v0.intoArray(c, co + 8 * ldc);
        r8v1.intoArray(c, co + 8 * ldc + LANES);
        r9v0.intoArray(c, co + 9 * ldc);
        r9v1.intoArray(c, co + 9 * ldc + LANES);
        r10v0.intoArray(c, co + 10 * ldc);
        r10v1.intoArray(c, co + 10 * ldc + LANES);
        r11v0.intoArray(c, co + 11 * ldc);
        r11v1.intoArray(c, co + 11 * ldc + LANES);
    }

    /**
     * The 6 x 2-vector register tile: {@code c[r, :] (+)= sum_p ap[p * 6 + r] * bp[p * NR, +NR)}
     * for {@code p < kc}, one fused multiply-add per element and step, 12 accumulators.
     */
    private static void kernel6(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co,
            int ldc, boolean accumulate) {
        DoubleVector r0v0 = DoubleVector.zero(SPECIES);
        DoubleVector r0v1 = r0v0, r1v0 = r0v0, r1v1 = r0v0, r2v0 = r0v0, r2v1 = r0v0, r3v0 = r0v0;
        DoubleVector r3v1 = r0v0, r4v0 = r0v0, r4v1 = r0v0, r5v0 = r0v0, r5v1 = r0v0;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * 6;
            int bi = bo + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, bp, bi + LANES);
            DoubleVector x;
            x = DoubleVector.broadcast(SPECIES, ap[ai]);
            r0v0 = x.fma(b0, r0v0);
            r0v1 = x.fma(b1, r0v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 1]);
            r1v0 = x.fma(b0, r1v0);
            r1v1 = x.fma(b1, r1v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 2]);
            r2v0 = x.fma(b0, r2v0);
            r2v1 = x.fma(b1, r2v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 3]);
            r3v0 = x.fma(b0, r3v0);
            r3v1 = x.fma(b1, r3v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 4]);
            r4v0 = x.fma(b0, r4v0);
            r4v1 = x.fma(b1, r4v1);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 5]);
            r5v0 = x.fma(b0, r5v0);
            r5v1 = x.fma(b1, r5v1);
        }
        if (accumulate) {
            r0v0 = r0v0.add(DoubleVector.fromArray(SPECIES, c, co));
            r0v1 = r0v1.add(DoubleVector.fromArray(SPECIES, c, co + LANES));
            r1v0 = r1v0.add(DoubleVector.fromArray(SPECIES, c, co + 1 * ldc));
            r1v1 = r1v1.add(DoubleVector.fromArray(SPECIES, c, co + 1 * ldc + LANES));
            r2v0 = r2v0.add(DoubleVector.fromArray(SPECIES, c, co + 2 * ldc));
            r2v1 = r2v1.add(DoubleVector.fromArray(SPECIES, c, co + 2 * ldc + LANES));
            r3v0 = r3v0.add(DoubleVector.fromArray(SPECIES, c, co + 3 * ldc));
            r3v1 = r3v1.add(DoubleVector.fromArray(SPECIES, c, co + 3 * ldc + LANES));
            r4v0 = r4v0.add(DoubleVector.fromArray(SPECIES, c, co + 4 * ldc));
            r4v1 = r4v1.add(DoubleVector.fromArray(SPECIES, c, co + 4 * ldc + LANES));
            r5v0 = r5v0.add(DoubleVector.fromArray(SPECIES, c, co + 5 * ldc));
            r5v1 = r5v1.add(DoubleVector.fromArray(SPECIES, c, co + 5 * ldc + LANES));
        }
        r0v0.intoArray(c, co);
        r0v1.intoArray(c, co + LANES);
        r1v0.intoArray(c, co + 1 * ldc);
        r1v1.intoArray(c, co + 1 * ldc + LANES);
        r2v0.intoArray(c, co + 2 * ldc);
        r2v1.intoArray(c, co + 2 * ldc + LANES);
        r3v0.intoArray(c, co + 3 * ldc);
        r3v1.intoArray(c, co + 3 * ldc + LANES);
        r4v0.intoArray(c, co + 4 * ldc);
        r4v1.intoArray(c, co + 4 * ldc + LANES);
        r5v0.intoArray(c, co + 5 * ldc);
        r5v1.intoArray(c, co + 5 * ldc + LANES);
    }
}
