// Generated from FloatVectorGemm.java by autodiff-core/src/build/generate_vector_gemm.py:
// edit that file and rerun the script.
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
 * <p>Packing is skipped where it would not pay: a B stored {@code [k, n]} is read in place when C
 * has at most {@link #IN_PLACE_TILES} row tiles (each B sliver is then used that many times only),
 * an A stored {@code [k, m]} (transposed) likewise when C has at most that many column tiles; only
 * a last partial sliver is then packed. A column tile of at most one vector uses a one-vector-wide
 * kernel ({@code MR x LANES}) rather than padding to {@code NR}.
 *
 * <p>The micro-kernels are generated (one accumulator variable per register, see {@code
 * autodiff-core/src/build/generate_vector_gemm.py}) and deliberately not unrolled: a bigger method
 * made C1 give up at tier 3 ("out of virtual registers"), which left a kernel in tier-2 code, with
 * boxed vectors, for minutes. Until C2 compiles them, {@link #scalarKernel} computes the same bits.
 * The packing buffers stay with each thread that ran a product (at most {@code KC (MC + NC)} values
 * plus padding, about 2.3 MB).
 *
 * <p>Each element of C is {@code sum_p} in order within a {@code KC} slice, by fused multiply-add
 * into a zero accumulator, then stored (first slice) or added to C (later slices): the same
 * operations whatever the tile, kernel, block or thread the element falls in, so results do not
 * depend on the thread count.
 */
final class DoubleVectorGemm {

    static final VectorSpecies<Double> SPECIES = VectorSpecies.of(double.class, VectorGemm.SHAPE);
    static final int LANES = SPECIES.length();
    /** Register tile rows (see {@link VectorGemm#TILE_ROWS}). */
    static final int MR = VectorGemm.TILE_ROWS;
    /** Register tile columns: two vectors. */
    static final int NR = 2 * LANES;
    /** Depth of a k-slice: a B sliver ({@code KC x NR}) and an A sliver fit L1 together. */
    static final int KC = 192;
    /** Rows of a packed A block ({@code MC x KC}, about half of L2). */
    static final int MC = 20 * MR;
    /** Columns of a packed B block. */
    static final int NC = 64 * NR;
    /** An operand is read in place, not packed, when its slivers are used at most this often. */
    static final int IN_PLACE_TILES = 2;
    /** Below this many floating-point operations one thread does the whole product. */
    static final long PARALLEL_FLOPS = 1L << 22;

    /** Padding between packed B slivers (see {@link #sliverB}). */
    private static final int SLIVER_PAD = LANES;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** Runs the vector kernels on their own data until C2 compiled them (see {@link Warmup}). */
    static final Warmup WARMUP = Warmup.start("double", DoubleVectorGemm::warmupCalls);

    private DoubleVectorGemm() {}

    static void gemm(GemmLayout l, double[] a, double[] b, double[] c, int threads) {
        GemmPartition.run(l, threads, PARALLEL_FLOPS, MR, NR,
                (entry, rowFrom, rowTo, columnFrom, columnTo) -> block(l, a,
                        l.aOffset() + entry * l.aStride(), b, l.bOffset() + entry * l.bStride(),
                        c, l.cOffset() + entry * l.cStride(), rowFrom, rowTo, columnFrom,
                        columnTo));
    }

    /** Rows {@code [i0, i1)} and columns {@code [j0, j1)} of one batch entry's C. */
    private static void block(GemmLayout l, double[] a, int aBase, double[] b, int bBase,
            double[] c, int cBase, int i0, int i1, int j0, int j1) {
        int k = l.k();
        int lda = l.lda();
        int ldb = l.ldb();
        int ldc = l.ldc();
        boolean inPlaceA = l.opA().transposed() && j1 - j0 <= IN_PLACE_TILES * NR;
        boolean inPlaceB = !l.opB().transposed() && i1 - i0 <= IN_PLACE_TILES * MR;
        Buffers buffers = BUFFERS.get();
        double[] bp = buffers.packedB(sliverB(roundUp(Math.min(NC, j1 - j0), NR), Math.min(KC, k)));
        double[] ap = buffers.packedA(Math.min(KC, k) * roundUp(Math.min(MC, i1 - i0), MR));
        double[] tile = buffers.tile;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean accumulate = pc > 0;
                packB(l, b, bBase, pc, kc, jc, nc, bp, inPlaceB);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(l, a, aBase, ic, mc, pc, kc, ap, inPlaceA);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        boolean narrow = nr <= LANES;
                        double[] bs = bp;
                        int bo = sliverB(jr, kc);
                        int bps = NR;
                        if (inPlaceB && nr == NR) {
                            bs = b;
                            bo = bBase + pc * ldb + jc + jr;
                            bps = ldb;
                        }
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            double[] as = ap;
                            int ao = ir * kc;
                            int aps = MR;
                            if (inPlaceA && mr == MR) {
                                as = a;
                                ao = aBase + pc * lda + ic + ir;
                                aps = lda;
                            }
                            int co = cBase + (ic + ir) * ldc + jc + jr;
                            if (mr == MR && nr == (narrow ? LANES : NR)) {
                                kernel(narrow, kc, as, ao, aps, bs, bo, bps, c, co, ldc,
                                        accumulate);
                            } else {
                                kernel(narrow, kc, as, ao, aps, bs, bo, bps, tile, 0, NR, false);
                                merge(tile, c, co, ldc, mr, nr, accumulate);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code C[MR, NR or LANES] (+)= A B} for an A sliver ({@code A[r, p] = a[ao + p aps + r]}) and
     * a B sliver ({@code B[p, j] = b[bo + p bps + j]}), packed or read in place: the vector kernel
     * once {@link #WARMUP} has seen it compiled, before that {@link #scalarKernel}, which computes
     * the same bits (Vector API code runs about a thousand times slower than that until C2
     * compiles it).
     */
    private static void kernel(boolean narrow, int kc, double[] a, int ao, int aps, double[] b,
            int bo, int bps, double[] c, int co, int ldc, boolean accumulate) {
        if (!WARMUP.compiled()) {
            scalarKernel(narrow ? LANES : NR, kc, a, ao, aps, b, bo, bps, c, co, ldc, accumulate,
                    BUFFERS.get().scalarTile);
        } else {
            vectorKernel(narrow, kc, a, ao, aps, b, bo, bps, c, co, ldc, accumulate);
        }
    }

    /** The vector micro-kernels, whether or not they are compiled yet (also for tests). */
    static void vectorKernel(boolean narrow, int kc, double[] a, int ao, int aps, double[] b,
            int bo, int bps, double[] c, int co, int ldc, boolean accumulate) {
        if (MR == 12) {
            if (narrow) {
                kernel12x1(kc, a, ao, aps, b, bo, bps, c, co, ldc, accumulate);
            } else {
                kernel12x2(kc, a, ao, aps, b, bo, bps, c, co, ldc, accumulate);
            }
        } else if (narrow) {
            kernel6x1(kc, a, ao, aps, b, bo, bps, c, co, ldc, accumulate);
        } else {
            kernel6x2(kc, a, ao, aps, b, bo, bps, c, co, ldc, accumulate);
        }
    }

    /**
     * The register tile ({@code MR x width}) in scalar Java with the vector kernels' arithmetic,
     * element by element: {@code acc = fma(a, b, acc)} over {@code p} from a zero accumulator, then
     * {@code c = acc} or {@code c = acc + c}: bit-identical results. The accumulators live in
     * {@code tile}; the inner loop runs along a row, which the JIT vectorises.
     */
    static void scalarKernel(int width, int kc, double[] a, int ao, int aps, double[] b, int bo,
            int bps, double[] c, int co, int ldc, boolean accumulate, double[] tile) {
        Arrays.fill(tile, 0, MR * NR, 0d);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * bps;
            for (int r = 0; r < MR; r++) {
                double arp = a[ao + p * aps + r];
                int t = r * NR;
                for (int j = 0; j < width; j++) {
                    tile[t + j] = Math.fma(arp, b[bi + j], tile[t + j]);
                }
            }
        }
        for (int r = 0; r < MR; r++) {
            int row = co + r * ldc;
            int t = r * NR;
            for (int j = 0; j < width; j++) {
                c[row + j] = accumulate ? tile[t + j] + c[row + j] : tile[t + j];
            }
        }
    }

    /**
     * {@code calls} rounds of the vector kernels on small slivers: both widths, packed and in-place
     * strides, with and without accumulation, so that C2 compiles them with the branches they take.
     */
    private static void warmupCalls(int calls) {
        int kc = Warmup.DEPTH;
        double[] ap = new double[kc * (MR + 1)];
        double[] bp = new double[kc * (NR + 1)];
        double[] c = new double[MR * (NR + 1)];
        Arrays.fill(ap, 0.5d);
        Arrays.fill(bp, 0.25d);
        for (int call = 0; call < calls; call++) {
            int odd = call & 1;
            vectorKernel(false, kc, ap, 0, MR + odd, bp, 0, NR + odd, c, odd, NR + odd, odd == 1);
            vectorKernel(true, kc, ap, odd, MR, bp, odd, NR, c, 0, NR, odd == 0);
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
     * {@code s} holds {@code kc} rows of {@code NR} values from index {@code sliverB(s NR, kc)},
     * columns beyond {@code nc} zero; with {@code onlyPartial}, only a last sliver narrower than
     * {@code NR} (the full ones are read in place).
     */
    private static void packB(GemmLayout l, double[] b, int bBase, int pc, int kc, int jc, int nc,
            double[] bp, boolean onlyPartial) {
        int ldb = l.ldb();
        int full = nc / NR * NR;
        if (!l.opB().transposed()) {
            // Row by row of B (contiguous reads), each row spread over the slivers.
            for (int p = 0; p < kc; p++) {
                int src = bBase + (pc + p) * ldb + jc;
                int dst = p * NR;
                if (!onlyPartial) {
                    for (int jr = 0; jr < full; jr += NR, dst += kc * NR + SLIVER_PAD) {
                        for (int x = 0; x < NR; x++) {
                            bp[dst + x] = b[src + jr + x];
                        }
                    }
                } else {
                    dst += sliverB(full, kc);
                }
                if (full < nc) {
                    int width = nc - full;
                    for (int x = 0; x < width; x++) {
                        bp[dst + x] = b[src + full + x];
                    }
                    for (int x = width; x < NR; x++) {
                        bp[dst + x] = 0d;
                    }
                }
            }
            return;
        }
        for (int jr = onlyPartial ? full : 0; jr < nc; jr += NR) {
            int width = Math.min(NR, nc - jr);
            int dst = sliverB(jr, kc);
            int j = jc + jr;
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

    /**
     * Packs {@code op(A)[ic, ic + mc) x [pc, pc + kc)} as slivers of {@code MR} rows: sliver
     * {@code s} holds {@code kc} columns of {@code MR} values from index {@code s * kc * MR}, rows
     * beyond {@code mc} zero; with {@code onlyPartial}, only a last sliver shorter than {@code MR}
     * (the full ones are read in place).
     */
    private static void packA(GemmLayout l, double[] a, int aBase, int ic, int mc, int pc, int kc,
            double[] ap, boolean onlyPartial) {
        int lda = l.lda();
        for (int ir = onlyPartial ? mc / MR * MR : 0; ir < mc; ir += MR) {
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

    /**
     * Start of the packed B sliver holding columns {@code [jr, jr + NR)} for slices of depth {@code
     * kc}: slivers are {@code kc NR} values plus one vector apart, so that writing a row into every
     * sliver does not map them all to the same L1 cache set (with a power-of-two {@code kc NR}).
     */
    private static int sliverB(int jr, int kc) {
        return jr / NR * (kc * NR + SLIVER_PAD);
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /** A thread's packing buffers, grown on demand and kept for its next product. */
    private static final class Buffers {
        final double[] tile = new double[MR * NR];
        final double[] scalarTile = new double[MR * NR];
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

    // BEGIN GENERATED KERNELS (generate_vector_gemm.py)
    /**
     * The 12 x 2-vector register tile, 24 accumulators: {@code c[r, 0:2L] (+)= sum_p
     * ap[ao + p aps + r] bp[bo + p bps, +2L)} for {@code p < kc}, by fused multiply-adds in
     * order of {@code p} from zero, then stored ({@code c = acc}) or added ({@code c = acc + c}).
     */
    private static void kernel12x2(int kc, double[] ap, int ao, int aps, double[] bp, int bo,
            int bps, double[] c, int co, int ldc, boolean accumulate) {
        DoubleVector r0v0 = DoubleVector.zero(SPECIES);
        DoubleVector r0v1 = r0v0, r1v0 = r0v0, r1v1 = r0v0, r2v0 = r0v0, r2v1 = r0v0, r3v0 = r0v0;
        DoubleVector r3v1 = r0v0, r4v0 = r0v0, r4v1 = r0v0, r5v0 = r0v0, r5v1 = r0v0, r6v0 = r0v0;
        DoubleVector r6v1 = r0v0, r7v0 = r0v0, r7v1 = r0v0, r8v0 = r0v0, r8v1 = r0v0, r9v0 = r0v0;
        DoubleVector r9v1 = r0v0, r10v0 = r0v0, r10v1 = r0v0, r11v0 = r0v0, r11v1 = r0v0;
        int ai = ao;
        int bi = bo;
        for (int p = 0; p < kc; p++, ai += aps, bi += bps) {
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
     * The 12 x 1-vector register tile, 12 accumulators: {@code c[r, 0:1L] (+)= sum_p
     * ap[ao + p aps + r] bp[bo + p bps, +1L)} for {@code p < kc}, by fused multiply-adds in
     * order of {@code p} from zero, then stored ({@code c = acc}) or added ({@code c = acc + c}).
     */
    private static void kernel12x1(int kc, double[] ap, int ao, int aps, double[] bp, int bo,
            int bps, double[] c, int co, int ldc, boolean accumulate) {
        DoubleVector r0v0 = DoubleVector.zero(SPECIES);
        DoubleVector r1v0 = r0v0, r2v0 = r0v0, r3v0 = r0v0, r4v0 = r0v0, r5v0 = r0v0, r6v0 = r0v0;
        DoubleVector r7v0 = r0v0, r8v0 = r0v0, r9v0 = r0v0, r10v0 = r0v0, r11v0 = r0v0;
        int ai = ao;
        int bi = bo;
        for (int p = 0; p < kc; p++, ai += aps, bi += bps) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, bp, bi);
            DoubleVector x;
            x = DoubleVector.broadcast(SPECIES, ap[ai]);
            r0v0 = x.fma(b0, r0v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 1]);
            r1v0 = x.fma(b0, r1v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 2]);
            r2v0 = x.fma(b0, r2v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 3]);
            r3v0 = x.fma(b0, r3v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 4]);
            r4v0 = x.fma(b0, r4v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 5]);
            r5v0 = x.fma(b0, r5v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 6]);
            r6v0 = x.fma(b0, r6v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 7]);
            r7v0 = x.fma(b0, r7v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 8]);
            r8v0 = x.fma(b0, r8v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 9]);
            r9v0 = x.fma(b0, r9v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 10]);
            r10v0 = x.fma(b0, r10v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 11]);
            r11v0 = x.fma(b0, r11v0);
        }
        if (accumulate) {
            r0v0 = r0v0.add(DoubleVector.fromArray(SPECIES, c, co));
            r1v0 = r1v0.add(DoubleVector.fromArray(SPECIES, c, co + 1 * ldc));
            r2v0 = r2v0.add(DoubleVector.fromArray(SPECIES, c, co + 2 * ldc));
            r3v0 = r3v0.add(DoubleVector.fromArray(SPECIES, c, co + 3 * ldc));
            r4v0 = r4v0.add(DoubleVector.fromArray(SPECIES, c, co + 4 * ldc));
            r5v0 = r5v0.add(DoubleVector.fromArray(SPECIES, c, co + 5 * ldc));
            r6v0 = r6v0.add(DoubleVector.fromArray(SPECIES, c, co + 6 * ldc));
            r7v0 = r7v0.add(DoubleVector.fromArray(SPECIES, c, co + 7 * ldc));
            r8v0 = r8v0.add(DoubleVector.fromArray(SPECIES, c, co + 8 * ldc));
            r9v0 = r9v0.add(DoubleVector.fromArray(SPECIES, c, co + 9 * ldc));
            r10v0 = r10v0.add(DoubleVector.fromArray(SPECIES, c, co + 10 * ldc));
            r11v0 = r11v0.add(DoubleVector.fromArray(SPECIES, c, co + 11 * ldc));
        }
        r0v0.intoArray(c, co);
        r1v0.intoArray(c, co + 1 * ldc);
        r2v0.intoArray(c, co + 2 * ldc);
        r3v0.intoArray(c, co + 3 * ldc);
        r4v0.intoArray(c, co + 4 * ldc);
        r5v0.intoArray(c, co + 5 * ldc);
        r6v0.intoArray(c, co + 6 * ldc);
        r7v0.intoArray(c, co + 7 * ldc);
        r8v0.intoArray(c, co + 8 * ldc);
        r9v0.intoArray(c, co + 9 * ldc);
        r10v0.intoArray(c, co + 10 * ldc);
        r11v0.intoArray(c, co + 11 * ldc);
    }

    /**
     * The 6 x 2-vector register tile, 12 accumulators: {@code c[r, 0:2L] (+)= sum_p
     * ap[ao + p aps + r] bp[bo + p bps, +2L)} for {@code p < kc}, by fused multiply-adds in
     * order of {@code p} from zero, then stored ({@code c = acc}) or added ({@code c = acc + c}).
     */
    private static void kernel6x2(int kc, double[] ap, int ao, int aps, double[] bp, int bo,
            int bps, double[] c, int co, int ldc, boolean accumulate) {
        DoubleVector r0v0 = DoubleVector.zero(SPECIES);
        DoubleVector r0v1 = r0v0, r1v0 = r0v0, r1v1 = r0v0, r2v0 = r0v0, r2v1 = r0v0, r3v0 = r0v0;
        DoubleVector r3v1 = r0v0, r4v0 = r0v0, r4v1 = r0v0, r5v0 = r0v0, r5v1 = r0v0;
        int ai = ao;
        int bi = bo;
        for (int p = 0; p < kc; p++, ai += aps, bi += bps) {
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

    /**
     * The 6 x 1-vector register tile, 6 accumulators: {@code c[r, 0:1L] (+)= sum_p
     * ap[ao + p aps + r] bp[bo + p bps, +1L)} for {@code p < kc}, by fused multiply-adds in
     * order of {@code p} from zero, then stored ({@code c = acc}) or added ({@code c = acc + c}).
     */
    private static void kernel6x1(int kc, double[] ap, int ao, int aps, double[] bp, int bo,
            int bps, double[] c, int co, int ldc, boolean accumulate) {
        DoubleVector r0v0 = DoubleVector.zero(SPECIES);
        DoubleVector r1v0 = r0v0, r2v0 = r0v0, r3v0 = r0v0, r4v0 = r0v0, r5v0 = r0v0;
        int ai = ao;
        int bi = bo;
        for (int p = 0; p < kc; p++, ai += aps, bi += bps) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, bp, bi);
            DoubleVector x;
            x = DoubleVector.broadcast(SPECIES, ap[ai]);
            r0v0 = x.fma(b0, r0v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 1]);
            r1v0 = x.fma(b0, r1v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 2]);
            r2v0 = x.fma(b0, r2v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 3]);
            r3v0 = x.fma(b0, r3v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 4]);
            r4v0 = x.fma(b0, r4v0);
            x = DoubleVector.broadcast(SPECIES, ap[ai + 5]);
            r5v0 = x.fma(b0, r5v0);
        }
        if (accumulate) {
            r0v0 = r0v0.add(DoubleVector.fromArray(SPECIES, c, co));
            r1v0 = r1v0.add(DoubleVector.fromArray(SPECIES, c, co + 1 * ldc));
            r2v0 = r2v0.add(DoubleVector.fromArray(SPECIES, c, co + 2 * ldc));
            r3v0 = r3v0.add(DoubleVector.fromArray(SPECIES, c, co + 3 * ldc));
            r4v0 = r4v0.add(DoubleVector.fromArray(SPECIES, c, co + 4 * ldc));
            r5v0 = r5v0.add(DoubleVector.fromArray(SPECIES, c, co + 5 * ldc));
        }
        r0v0.intoArray(c, co);
        r1v0.intoArray(c, co + 1 * ldc);
        r2v0.intoArray(c, co + 2 * ldc);
        r3v0.intoArray(c, co + 3 * ldc);
        r4v0.intoArray(c, co + 4 * ldc);
        r5v0.intoArray(c, co + 5 * ldc);
    }
    // END GENERATED KERNELS
}
