package jgrad.benchmarks;

import com.google.common.collect.ImmutableList;

/**
 * One line of the results table and of {@code latest.csv}. Missing figures are NaN; {@code
 * jgradNote} and {@code pytorchNote} say why ({@code failed}, or {@code not run} for a peer that
 * is not installed) and are empty otherwise.
 *
 * @param workload    the workload's label, with the metric for multi-metric kinds
 * @param unit        the unit of {@code jgrad} and {@code pytorch}
 * @param jgrad       jgrad's figure
 * @param pytorch     PyTorch's figure
 * @param ratio       {@code jgrad / pytorch}, whatever the unit (see {@link Goal})
 * @param threads     compute threads of both
 * @param dtype       {@code float32} or {@code float64}
 * @param goal        the goal for the ratio, or {@code linear}
 * @param met         {@code yes}, {@code no}, {@code ref} (the linearity reference row) or {@code
 *                    -} (cannot be judged)
 * @param jgradNote   why {@code jgrad} is missing, or empty
 * @param pytorchNote why {@code pytorch} is missing, or empty
 */
public record ReportRow(String workload, String unit, double jgrad, double pytorch, double ratio,
        int threads, String dtype, Goal goal, String met, String jgradNote, String pytorchNote) {

    /** The table's header, in {@link #tableCells()} order. */
    public static final ImmutableList<String> TABLE_HEADER = ImmutableList.of("workload", "unit",
            "jgrad", "PyTorch", "ratio jgrad/PyTorch", "goal", "met", "threads", "dtype");

    /** The CSV file's header, in {@link #csvCells} order. */
    public static final ImmutableList<String> CSV_HEADER = ImmutableList.of("workload", "unit",
            "jgrad", "pytorch", "ratio", "threads", "dtype", "date", "cpu", "goal", "met");

    /** The cells of this row in the printed table (three significant digits). */
    public ImmutableList<String> tableCells() {
        return ImmutableList.of(workload, unit, cell(jgrad, jgradNote), cell(pytorch, pytorchNote),
                Numbers.cell(ratio), goal.toString(), met, Integer.toString(threads), dtype);
    }

    /** The cells of this row in the CSV file (four significant digits, empty when missing). */
    public ImmutableList<String> csvCells(String date, String cpu) {
        return ImmutableList.of(workload, unit, Numbers.significant(jgrad, 4),
                Numbers.significant(pytorch, 4), Numbers.significant(ratio, 4),
                Integer.toString(threads), dtype, date, cpu, goal.toString(), met);
    }

    private static String cell(double value, String note) {
        return Double.isNaN(value) && !note.isEmpty() ? note : Numbers.cell(value);
    }
}
