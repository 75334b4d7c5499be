package jgrad.benchmarks;

import com.google.common.collect.ImmutableList;

/**
 * The kinds of workload the runner measures, each with the metrics it reports. The meaning of a
 * {@link Workload}'s {@code size} and {@code inner} fields depends on the kind.
 */
public enum Kind {
    /**
     * One SGD step of the MLP 784-256-128-10 (ReLU): forward, softmax cross-entropy from logits,
     * backward, update. {@code size} = batch; one repetition = one step.
     */
    MLP_STEP(ImmutableList.of(new Metric("time", "ms", ""))),
    /**
     * {@code n x n} times {@code n x n}, no graph. {@code size} = n; one repetition = {@code inner}
     * products; reported as {@code 2 n^3 / time}.
     */
    MATMUL(ImmutableList.of(new Metric("throughput", "GFLOP/s", ""))),
    /**
     * A chain of {@code size} ops on a 4x4 tensor ({@code x*c, x+c, tanh, x*w} repeating), summed,
     * forward and backward; reported per op.
     */
    TINY_CHAIN(ImmutableList.of(new Metric("time", "µs/op", ""))),
    /**
     * A graph of {@code size} scalar nodes (add, mul, tanh, mul by a constant), built and
     * differentiated with respect to its 16 leaves.
     */
    SCALAR_GRAPH(ImmutableList.of(new Metric("time", "ms", ""))),
    /**
     * Peak resident set size (VmHWM) of a process that trains the MLP for {@code inner} steps at
     * batch {@code size}.
     */
    PEAK_RSS(ImmutableList.of(new Metric("peak_rss", "MiB", ""))),
    /**
     * A chain of {@code size} scalar ops ({@code x*c, x+c, tanh, x*w} repeating) recorded once;
     * one repetition = one backward pass over it. Reported per node, so a linear backward shows as
     * a flat column: the time of a backward pass and the memory the recorded graph holds.
     */
    BACKWARD_CHAIN(ImmutableList.of(
            new Metric("time", "µs/node", ": backward time per node"),
            new Metric("memory", "B/node", ": graph memory per node")));

    private final ImmutableList<Metric> metrics;

    Kind(ImmutableList<Metric> metrics) {
        this.metrics = metrics;
    }

    /** The metrics a run of this kind reports, in table order. */
    public ImmutableList<Metric> metrics() {
        return metrics;
    }

    /** The metric named {@code name}. @throws IllegalArgumentException if there is none */
    public Metric metric(String name) {
        for (Metric metric : metrics) {
            if (metric.name().equals(name)) {
                return metric;
            }
        }
        throw new IllegalArgumentException(
                "kind " + this + " has no metric '" + name + "', only " + metrics);
    }
}
