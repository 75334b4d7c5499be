package jgrad.benchmarks;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * One row of the plan that both runners (jgrad's {@link JgradRunner} and the PyTorch peer script)
 * execute with the same parameters.
 *
 * @param id      a unique key, e.g. {@code mlp_b128_float32_t2}
 * @param kind    what is measured; it gives {@code size} and {@code inner} their meaning
 * @param size    batch, matrix size n, op count or node count (see {@link Kind})
 * @param dtype   {@code float32} or {@code float64}
 * @param threads compute threads for both frameworks
 * @param warmup  untimed repetitions before the timed ones
 * @param reps    timed repetitions; the reported figure is their median
 * @param inner   matmul products per repetition, or training steps for {@link Kind#PEAK_RSS};
 *                1 otherwise
 * @param goal    the goal for the ratio jgrad / PyTorch
 */
public record Workload(String id, Kind kind, int size, String dtype, int threads, int warmup,
        int reps, int inner, Goal goal) {

    /** The plan file's columns, in order. */
    public static final ImmutableList<String> COLUMNS = ImmutableList.of(
            "id", "kind", "size", "dtype", "threads", "warmup", "reps", "inner", "goal");

    public Workload {
        checkNotNull(id, "workload: id is null");
        checkArgument(id.matches("[a-z0-9_]+"), "workload: id must be [a-z0-9_]+, got '%s'", id);
        checkNotNull(kind, "workload %s: kind is null", id);
        checkNotNull(goal, "workload %s: goal is null", id);
        checkArgument(dtype.equals("float32") || dtype.equals("float64"),
                "workload %s: dtype must be float32 or float64, got '%s'", id, dtype);
        checkArgument(size > 0 && threads > 0 && warmup >= 0 && reps > 0 && inner > 0,
                "workload %s: size, threads, reps and inner must be positive and warmup"
                        + " non-negative, got size=%s threads=%s warmup=%s reps=%s inner=%s",
                id, size, threads, warmup, reps, inner);
    }

    /** The workload column of the table for {@code metric}, without threads and dtype. */
    public String label(Metric metric) {
        String base = switch (kind) {
            case MLP_STEP -> "MLP 784-256-128-10 SGD step, batch " + size;
            case MATMUL -> "matmul " + size + "x" + size;
            case TINY_CHAIN -> "chain of " + size + " ops on 4x4 (x*c, x+c, tanh, x*w),"
                    + " fwd + bwd, per op";
            case SCALAR_GRAPH -> "scalar graph of " + size + " nodes (add/mul/tanh/mul-const),"
                    + " build + backward";
            case PEAK_RSS -> "peak RSS of a process training the MLP " + inner
                    + " steps, batch " + size;
            case BACKWARD_CHAIN -> "chain of " + powerOfTen(size) + " scalar ops";
        };
        return base + metric.labelSuffix();
    }

    /** {@code 1e6} for 1000000, the number itself when it is not a power of ten. */
    static String powerOfTen(int n) {
        int exponent = 0;
        int rest = n;
        while (rest >= 10 && rest % 10 == 0) {
            rest /= 10;
            exponent++;
        }
        return rest == 1 && exponent > 0 ? "1e" + exponent : Integer.toString(n);
    }

    /** This workload as a plan row, in {@link #COLUMNS} order. */
    public ImmutableList<String> toRow() {
        return ImmutableList.of(id, kind.name(), Integer.toString(size), dtype,
                Integer.toString(threads), Integer.toString(warmup), Integer.toString(reps),
                Integer.toString(inner), goal.toString());
    }

    /**
     * A workload from a plan row in {@link #COLUMNS} order.
     *
     * @throws IllegalArgumentException if the row has the wrong length or a field is malformed,
     *     naming the field
     */
    public static Workload fromRow(List<String> row) {
        checkArgument(row.size() == COLUMNS.size(),
                "plan row: %s fields expected (%s), got %s: %s",
                COLUMNS.size(), COLUMNS, row.size(), row);
        return new Workload(row.get(0), Kind.valueOf(row.get(1)), parseInt(row, 2),
                row.get(3), parseInt(row, 4), parseInt(row, 5), parseInt(row, 6),
                parseInt(row, 7), Goal.parse(row.get(8)));
    }

    private static int parseInt(List<String> row, int index) {
        try {
            return Integer.parseInt(row.get(index).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("plan row " + row.get(0) + ": " + COLUMNS.get(index)
                    + " is not an integer: '" + row.get(index) + "'", e);
        }
    }
}
