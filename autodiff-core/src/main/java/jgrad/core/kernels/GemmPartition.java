package jgrad.core.kernels;

/**
 * How a batched product is split among threads: by batch entries when there are enough of them,
 * otherwise each entry's C by rows or by columns, in whole register tiles. Which elements go to
 * which thread never changes how an element is computed, so results do not depend on the split.
 */
final class GemmPartition {

    /** A rectangle of one batch entry's C: rows {@code [rowFrom, rowTo)}, columns likewise. */
    interface Block {
        void run(int batch, int rowFrom, int rowTo, int columnFrom, int columnTo);
    }

    private static final long PACK_WEIGHT = 16;

    /** Tests lower the engines' thresholds on their own thread to split small products. */
    private static final ThreadLocal<Long> THRESHOLD_OVERRIDE = new ThreadLocal<>();

    private GemmPartition() {}

    /**
     * Runs {@code block} over all of C's batch entries on up to {@code threads} threads; one thread
     * below {@code parallelFlops} floating-point operations (the whole batch).
     *
     * @param tileRows rows of the register tile (row splits are multiples of it)
     * @param tileColumns columns of the register tile (column splits are multiples of it)
     */
    static void run(GemmLayout l, int threads, long parallelFlops, int tileRows,
            int tileColumns, Block block) {
        int batch = l.batch();
        int m = l.m();
        int n = l.n();
        Long override = THRESHOLD_OVERRIDE.get();
        if (threads <= 1 || l.flops() < (override != null ? override : parallelFlops)) {
            for (int entry = 0; entry < batch; entry++) {
                block.run(entry, 0, m, 0, n);
            }
            return;
        }
        if (batch >= threads && (batch % threads == 0 || batch >= 4 * threads)) {
            ComputePool.run(threads, part -> {
                int to = split(batch, threads, part + 1);
                for (int entry = split(batch, threads, part); entry < to; entry++) {
                    block.run(entry, 0, m, 0, n);
                }
            });
            return;
        }
        int rowTiles = (m + tileRows - 1) / tileRows;
        int columnTiles = (n + tileColumns - 1) / tileColumns;
        int rowParts = Math.min(threads, rowTiles);
        int columnParts = Math.min(threads, columnTiles);
        // Time of the largest part per unit of k, in multiply-adds of one lane: its share of C
        // plus packing (an element costs about PACK_WEIGHT of them); a row split packs all of B
        // in every part, a column split all of A.
        long rows = Math.min(m, ceilDiv(rowTiles, rowParts) * tileRows);
        long columns = Math.min(n, ceilDiv(columnTiles, columnParts) * tileColumns);
        long byRows = rows * n + PACK_WEIGHT * (n + rows);
        long byColumns = columns * m + PACK_WEIGHT * (m + columns);
        boolean splitRows = byRows <= byColumns;
        int parts = splitRows ? rowParts : columnParts;
        for (int entry = 0; entry < batch; entry++) {
            int current = entry;
            if (parts == 1) {
                block.run(current, 0, m, 0, n);
            } else if (splitRows) {
                ComputePool.run(parts, part -> block.run(current,
                        Math.min(m, split(rowTiles, parts, part) * tileRows),
                        Math.min(m, split(rowTiles, parts, part + 1) * tileRows), 0, n));
            } else {
                ComputePool.run(parts, part -> block.run(current, 0, m,
                        Math.min(n, split(columnTiles, parts, part) * tileColumns),
                        Math.min(n, split(columnTiles, parts, part + 1) * tileColumns)));
            }
        }
    }

    /**
     * Runs {@code action} with every engine's parallel threshold at {@code flops} on this thread
     * (for tests: products far smaller than the real thresholds are then split among threads).
     */
    static void withParallelThreshold(long flops, Runnable action) {
        Long previous = THRESHOLD_OVERRIDE.get();
        THRESHOLD_OVERRIDE.set(flops);
        try {
            action.run();
        } finally {
            if (previous == null) {
                THRESHOLD_OVERRIDE.remove();
            } else {
                THRESHOLD_OVERRIDE.set(previous);
            }
        }
    }

    /** Start of part {@code part} of {@code units} split into {@code parts} near-equal runs. */
    static int split(int units, int parts, int part) {
        return (int) ((long) units * part / parts);
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
