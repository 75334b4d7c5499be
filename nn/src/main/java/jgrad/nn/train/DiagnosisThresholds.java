package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The thresholds of {@link Diagnosis}, all relative, so that they do not depend on the loss's
 * scale. The defaults were chosen on the learning curves of {@code learning-curves.jsh} (digits:
 * 2 against 32 hidden units; 128 hidden units on 20 % wrong labels, with and without weight decay)
 * and are checked on those curves by {@code DiagnosisTest}; they are rules of thumb, not
 * statistics.
 *
 * @param window       the fraction of the epochs averaged at the end of the run to smooth the
 *                     curves' jitter ("the end" below: the mean of the last {@code max(1,
 *                     round(window · epochs))} epochs); default 0.1
 * @param rise         over-fitting needs the validation loss at the end to exceed its minimum by
 *                     more than this fraction of it; default 0.25 (a 25 % rise)
 * @param highLoss     under-fitting when even the lowest validation loss is above this fraction
 *                     of the first epoch's training loss (which is near the loss of a guess for a
 *                     freshly initialised network); default 0.35
 * @param stillFalling under-fitting when the training loss fell, between the two last windows, by
 *                     more than this fraction of the first epoch's training loss (the run ended
 *                     while still learning); default 0.05
 * @param divergence   diverged when an epoch's training loss exceeds both this multiple of the
 *                     lowest training loss of the epochs before it and the first epoch's
 *                     training loss (a run that got worse than it started, by a large factor);
 *                     default 10 (an order of magnitude). Over-fitting never raises the training
 *                     loss, so this cannot mistake it for divergence
 * @param jump         unstable when an epoch's training loss exceeds the previous epoch's by
 *                     more than this factor, and by more than {@code stillFalling ·} the first
 *                     epoch's training loss (the change counted as significant; a jitter near
 *                     zero loss is not a jump); default 1.3 (a 30 % rise of a whole epoch's mean
 *                     loss: the four runs of {@code learning-curves.jsh} rise by at most 6 %, Adam
 *                     with learning rate 1 on digits by 31 % to 84 %). Over-fitting and
 *                     under-fitting do not raise the training loss either
 */
public record DiagnosisThresholds(double window, double rise, double highLoss,
        double stillFalling, double divergence, double jump) {

    private static final DiagnosisThresholds DEFAULTS =
            new DiagnosisThresholds(0.1, 0.25, 0.35, 0.05, 10, 1.3);

    /**
     * @throws IllegalArgumentException if a threshold is out of its range: window in {@code (0,
     *     0.5]}, rise positive, highLoss and stillFalling in {@code (0, 1]}, divergence and jump
     *     above 1; all finite
     */
    public DiagnosisThresholds {
        checkArgument(window > 0 && window <= 0.5,
                "diagnosisThresholds: window must be in (0, 0.5], got %s", window);
        checkArgument(rise > 0 && Double.isFinite(rise),
                "diagnosisThresholds: rise must be positive and finite, got %s", rise);
        checkArgument(highLoss > 0 && highLoss <= 1,
                "diagnosisThresholds: highLoss must be in (0, 1], got %s", highLoss);
        checkArgument(stillFalling > 0 && stillFalling <= 1,
                "diagnosisThresholds: stillFalling must be in (0, 1], got %s", stillFalling);
        checkArgument(divergence > 1 && Double.isFinite(divergence),
                "diagnosisThresholds: divergence must be above 1 and finite, got %s", divergence);
        checkArgument(jump > 1 && Double.isFinite(jump),
                "diagnosisThresholds: jump must be above 1 and finite, got %s", jump);
    }

    /**
     * The thresholds without a jump factor given: {@code jump} 1.3, the default.
     *
     * @throws IllegalArgumentException if a threshold is out of its range
     */
    public DiagnosisThresholds(double window, double rise, double highLoss, double stillFalling,
            double divergence) {
        this(window, rise, highLoss, stillFalling, divergence, 1.3);
    }

    /**
     * The thresholds without a divergence or jump factor given: {@code divergence} 10 and {@code
     * jump} 1.3, the defaults.
     *
     * @throws IllegalArgumentException if a threshold is out of its range
     */
    public DiagnosisThresholds(double window, double rise, double highLoss, double stillFalling) {
        this(window, rise, highLoss, stillFalling, 10, 1.3);
    }

    /** window 0.1, rise 0.25, highLoss 0.35, stillFalling 0.05, divergence 10, jump 1.3. */
    public static DiagnosisThresholds defaults() {
        return DEFAULTS;
    }
}
