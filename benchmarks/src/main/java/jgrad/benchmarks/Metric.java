package jgrad.benchmarks;

/**
 * One number a workload reports.
 *
 * @param name        its key in the runners' output ({@code time}, {@code throughput}, ...)
 * @param unit        the unit shown in the table ({@code ms}, {@code GFLOP/s}, ...)
 * @param labelSuffix appended to the workload's label when a kind reports several metrics
 */
public record Metric(String name, String unit, String labelSuffix) {}
