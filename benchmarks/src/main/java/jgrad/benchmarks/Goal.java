package jgrad.benchmarks;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The goal for one row. The ratio is always jgrad / PyTorch of the row's unit: for times
 * and memory below 1 means jgrad is better ({@code <=} goals); for GFLOP/s above 1 means jgrad is
 * better ({@code >=} goals). {@link Direction#LINEAR} rows are judged on jgrad alone: a per-node
 * figure at most twice the one of the 10,000-node chain.
 *
 * @param direction which way the goal points
 * @param threshold the bound on the ratio (unused for {@code LINEAR})
 */
public record Goal(Direction direction, double threshold) {

    /** Which way a goal points. */
    public enum Direction { AT_MOST, AT_LEAST, LINEAR }

    /** How much a per-node figure may grow over the reference chain's and still count as linear. */
    public static final double LINEAR_SLACK = 2.0;

    /** The chain length whose per-node figures are the reference for linearity. */
    public static final int LINEAR_REFERENCE_SIZE = 10_000;

    public Goal {
        checkArgument(direction != null, "goal: direction is null");
        checkArgument(direction == Direction.LINEAR
                        || (threshold > 0 && Double.isFinite(threshold)),
                "goal: threshold must be positive and finite, got %s", threshold);
    }

    public static Goal atMost(double threshold) {
        return new Goal(Direction.AT_MOST, threshold);
    }

    public static Goal atLeast(double threshold) {
        return new Goal(Direction.AT_LEAST, threshold);
    }

    public static Goal linear() {
        return new Goal(Direction.LINEAR, 0);
    }

    /** Whether {@code ratio} meets a {@code <=} or {@code >=} goal. */
    public boolean metBy(double ratio) {
        checkArgument(direction != Direction.LINEAR,
                "goal: a linear goal is not judged by a ratio");
        return direction == Direction.AT_MOST ? ratio <= threshold : ratio >= threshold;
    }

    /** {@code <= 0.9}, {@code >= 0.8} or {@code linear}: the form used in the plan and table. */
    @Override
    public String toString() {
        return switch (direction) {
            case AT_MOST -> "<= " + Numbers.plain(threshold);
            case AT_LEAST -> ">= " + Numbers.plain(threshold);
            case LINEAR -> "linear";
        };
    }

    /** Parses {@link #toString()}'s form. @throws IllegalArgumentException on anything else */
    public static Goal parse(String text) {
        String t = text.strip();
        if (t.equals("linear")) {
            return linear();
        }
        checkArgument(t.startsWith("<=") || t.startsWith(">="),
                "goal: expected '<= x', '>= x' or 'linear', got '%s'", text);
        double threshold;
        try {
            threshold = Double.parseDouble(t.substring(2).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("goal: bad number in '" + text + "'", e);
        }
        return t.startsWith("<=") ? atMost(threshold) : atLeast(threshold);
    }
}
