package jgrad.benchmarks;

/** How many repetitions the plan asks for. */
public enum Mode {
    /** Few repetitions: a check that everything runs, with rough figures (a few minutes). */
    QUICK,
    /** The repetitions the committed baseline is measured with. */
    FULL
}
