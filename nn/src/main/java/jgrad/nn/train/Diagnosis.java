package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The fitting regime read from a run's training and validation losses, as the learning-curves
 * tutorial reads them (Goodfellow, Bengio &amp; Courville, "Deep Learning", 2016, section 5.2 and
 * figure 7.3). With {@code t} and {@code v} the training and validation losses per epoch, {@code
 * b} the epoch of the lowest validation loss and "the end" the mean of the last epochs (see
 * {@link DiagnosisThresholds}), checked in this order:
 *
 * <ol>
 *   <li><b>diverged</b> when a loss is NaN or infinite, when training was stopped on such a loss
 *       ({@link StopOnNonFiniteLoss}: the epoch it happened in was not recorded), or when an
 *       epoch's training loss exceeds {@code divergence ·} the lowest training loss before it and
 *       also {@code t_1} (the run got worse than it started, by orders of magnitude); the
 *       divergence began the epoch after the lowest training loss before that epoch. The advice:
 *       lower the learning rate, clip gradients;
 *   <li><b>over-fitting</b> when the validation loss at the end exceeds {@code v_b} by more than
 *       {@code rise · v_b}, at least two epochs and a window have passed since {@code b} (the rise
 *       is sustained, not one noisy epoch) and the training loss at the end is below {@code t_b}
 *       (it kept falling); the validation loss began to rise at epoch {@code b + 1};
 *   <li><b>under-fitting</b> when {@code v_b > highLoss · t_1} (even the best validation loss
 *       stays high: both curves flatten far above zero) or the training loss fell by more than
 *       {@code stillFalling · t_1} between the last two windows (training stopped while the model
 *       was still learning);
 *   <li>a <b>good fit</b> otherwise (a validation loss that creeps up by less than {@code rise}
 *       while the accuracy still rises counts as a good fit, as in the tutorial).
 * </ol>
 *
 * <pre>{@code
 * jshell> fit.history().diagnose()
 * $4 ==> over-fitting: the validation loss fell to 0.46510 at epoch 11 and began to rise at
 *        epoch 12, ending 72 % higher (0.79889) while the training loss fell from 0.70870 to
 *        0.03740; ...
 * }</pre>
 *
 * @param regime              the regime
 * @param bestEpoch           the epoch of the lowest validation loss (the first on ties); 0
 *                            for a run that diverged in its first epoch, before any record
 * @param overfittingFrom     the epoch where the validation loss began to rise ({@code
 *                            bestEpoch + 1}), for over-fitting only
 * @param divergedFrom        the epoch where the divergence began (the epoch after the lowest
 *                            training loss before the blow-up), for a diverged run only
 * @param explanation         the numbers behind the verdict, in one sentence
 */
public record Diagnosis(FittingRegime regime, int bestEpoch, OptionalInt overfittingFrom,
        OptionalInt divergedFrom, String explanation) {

    /** @throws NullPointerException if an argument is null */
    public Diagnosis {
        checkNotNull(regime, "diagnosis: regime is null");
        checkNotNull(overfittingFrom, "diagnosis: overfittingFrom is null");
        checkNotNull(divergedFrom, "diagnosis: divergedFrom is null");
        checkNotNull(explanation, "diagnosis: explanation is null");
    }

    /**
     * Diagnoses {@code history} with {@code thresholds} (see the class description).
     *
     * @throws IllegalStateException if the history has fewer than two epochs and shows no
     *     divergence
     */
    public static Diagnosis of(History history, DiagnosisThresholds thresholds) {
        checkNotNull(history, "diagnosis: history is null");
        checkNotNull(thresholds, "diagnosis: thresholds is null");
        List<EpochRecord> epochs = history.epochs();
        int n = epochs.size();
        boolean stoppedOnNonFinite = history.stopReason()
                .filter(StopOnNonFiniteLoss::isItsReason).isPresent();
        Optional<Diagnosis> diverged = divergence(history, thresholds, stoppedOnNonFinite);
        if (diverged.isPresent()) {
            return diverged.get();
        }
        checkState(n >= 2, "diagnosis: needs at least 2 epochs, got %s", n);
        int best = history.bestEpoch().epoch();
        EpochRecord atBest = epochs.get(best - 1);
        int window = Math.max(1, (int) Math.round(thresholds.window() * n));
        double trainFirst = epochs.get(0).trainLoss();
        double trainEnd = mean(epochs, n - window, n, true);
        double validationEnd = mean(epochs, n - window, n, false);
        double validationBest = atBest.validationLoss();
        if (validationEnd > validationBest * (1 + thresholds.rise())
                && n - best >= Math.max(2, window) && trainEnd < atBest.trainLoss()) {
            return new Diagnosis(FittingRegime.OVER_FITTING, best, OptionalInt.of(best + 1),
                    OptionalInt.empty(),
                    String.format(Locale.ROOT, "over-fitting: the validation loss fell to %.5f at"
                            + " epoch %d and began to rise at epoch %d, ending %.0f %% higher"
                            + " (%.5f) while the training loss fell from %.5f to %.5f; keep the"
                            + " model of epoch %d (Fit.bestModel, early stopping), regularise"
                            + " (weight decay), get more data or use a smaller model",
                            validationBest, best, best + 1,
                            100 * (validationEnd / validationBest - 1), validationEnd,
                            atBest.trainLoss(), trainEnd, best));
        }
        if (validationBest > thresholds.highLoss() * trainFirst) {
            return new Diagnosis(FittingRegime.UNDER_FITTING, best, OptionalInt.empty(),
                    OptionalInt.empty(),
                    String.format(Locale.ROOT, "under-fitting: even the lowest validation loss,"
                            + " %.5f at epoch %d, is %.0f %% of the first epoch's training loss"
                            + " %.5f (the training loss ends at %.5f); try a bigger model or"
                            + " fewer constraints", validationBest, best,
                            100 * validationBest / trainFirst, trainFirst, trainEnd));
        }
        if (n >= 2 * window) {
            double trainBefore = mean(epochs, n - 2 * window, n - window, true);
            if (trainBefore - trainEnd > thresholds.stillFalling() * trainFirst) {
                return new Diagnosis(FittingRegime.UNDER_FITTING, best, OptionalInt.empty(),
                    OptionalInt.empty(),
                        String.format(Locale.ROOT, "under-fitting: the training loss was still"
                                + " falling at the end (%.5f to %.5f over the last %d epochs,"
                                + " %.0f %% of the first epoch's %.5f); train for more epochs",
                                trainBefore, trainEnd, window,
                                100 * (trainBefore - trainEnd) / trainFirst, trainFirst));
            }
        }
        return new Diagnosis(FittingRegime.GOOD_FIT, best, OptionalInt.empty(), OptionalInt.empty(),
                String.format(Locale.ROOT, "good fit: the validation loss settled at %.5f (lowest"
                        + " %.5f at epoch %d) and the training loss at %.5f, from %.5f in the"
                        + " first epoch", validationEnd, validationBest, best, trainEnd,
                        trainFirst));
    }

    /**
     * The divergence, if the run diverged: the first epoch with a non-finite loss or a training
     * loss blown up above {@code divergence ·} the lowest before it and the first epoch's, or the
     * epoch after the last recorded one when training stopped on a non-finite loss.
     */
    private static Optional<Diagnosis> divergence(History history,
            DiagnosisThresholds thresholds, boolean stoppedOnNonFinite) {
        List<EpochRecord> epochs = history.epochs();
        int n = epochs.size();
        double lowest = Double.POSITIVE_INFINITY;
        int lowestEpoch = 0;
        for (int i = 0; i < n; i++) {
            EpochRecord record = epochs.get(i);
            double train = record.trainLoss();
            if (!Double.isFinite(train) || !Double.isFinite(record.validationLoss())) {
                String which = Double.isFinite(train) ? String.format(Locale.ROOT,
                        "the validation loss is %s after epoch %d", record.validationLoss(),
                        record.epoch())
                        : String.format(Locale.ROOT, "the training loss is %s in epoch %d", train,
                        record.epoch());
                return Optional.of(diverged(history, lowestEpoch, lowest, record.epoch(), which));
            }
            if (i > 0 && train > thresholds.divergence() * lowest
                    && train > epochs.get(0).trainLoss()) {
                return Optional.of(diverged(history, lowestEpoch, lowest, record.epoch(),
                        String.format(Locale.ROOT, "the training loss grew to %.5g in epoch %d,"
                                + " %.3g times its lowest", train, record.epoch(),
                                train / lowest)));
            }
            if (train < lowest) {
                lowest = train;
                lowestEpoch = record.epoch();
            }
        }
        if (stoppedOnNonFinite) {
            return Optional.of(diverged(history, lowestEpoch, lowest, n + 1,
                    "training stopped on a non-finite loss (" + history.stopReason().orElseThrow()
                            + ")"));
        }
        return Optional.empty();
    }

    private static Diagnosis diverged(History history, int lowestEpoch, double lowest,
            int blowUpEpoch, String what) {
        int from = lowestEpoch == 0 ? 1 : Math.min(lowestEpoch + 1, blowUpEpoch);
        String before = lowestEpoch == 0 ? "" : String.format(Locale.ROOT, "; the training loss"
                + " was lowest (%.5f) at epoch %d", lowest, lowestEpoch);
        int best = history.epochs().isEmpty() ? 0 : history.bestEpoch().epoch();
        return new Diagnosis(FittingRegime.DIVERGED, best, OptionalInt.empty(),
                OptionalInt.of(from), String.format(Locale.ROOT, "diverged from epoch %d: %s%s;"
                        + " this is not under- or over-fitting: lower the learning rate, clip the"
                        + " gradients (Optimizers.clipByGlobalNorm), or look for a log of 0 or a"
                        + " division by 0 in the loss", from, what, before));
    }

    private static double mean(List<EpochRecord> epochs, int from, int to, boolean train) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            EpochRecord record = epochs.get(i);
            sum += train ? record.trainLoss() : record.validationLoss();
        }
        return sum / (to - from);
    }

    /** The explanation. */
    @Override
    public String toString() {
        return explanation;
    }
}
