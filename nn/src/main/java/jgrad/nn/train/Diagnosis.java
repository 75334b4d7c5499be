package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkNotNull;

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
 *       divergence began the epoch after the lowest training loss before that epoch, or in epoch
 *       1 when the validation loss after it exceeds {@code divergence · t_1} (the model at the
 *       end of the epoch is far worse than the mean of its batch losses: the loss grew within
 *       it). The advice: lower the learning rate, clip gradients;
 *   <li><b>too few epochs</b> to judge when fewer than two were recorded;
 *   <li><b>unstable</b> when an epoch's training loss exceeds the previous epoch's by more than
 *       {@code jump} times and by more than {@code stillFalling · t_1} (training losses that
 *       jump up: the steps overshoot; neither over- nor under-fitting raises the training loss,
 *       so these are not read from such a run). Same advice;
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
 *                            when no epoch was recorded
 * @param overfittingFrom     the epoch where the validation loss began to rise ({@code
 *                            bestEpoch + 1}), for over-fitting only
 * @param divergedFrom        the epoch where the divergence began (the epoch after the lowest
 *                            training loss before the blow-up), for a diverged run; the epoch of
 *                            the first jump, for an unstable run; empty otherwise
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
     * Diagnoses {@code history} with {@code thresholds} (see the class description); a history
     * of fewer than two epochs that shows no divergence is {@link FittingRegime#TOO_FEW_EPOCHS}.
     *
     * @throws NullPointerException if an argument is null
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
        if (n < 2) {
            return new Diagnosis(FittingRegime.TOO_FEW_EPOCHS, n == 0 ? 0 : 1,
                    OptionalInt.empty(), OptionalInt.empty(), String.format(Locale.ROOT,
                    "too few epochs to judge: %d recorded%s, and the regimes are read from the"
                            + " trend of at least 2; train for more epochs", n, n == 0 ? ""
                            : " (training loss " + EpochRecord.loss(epochs.get(0).trainLoss())
                            + ", validation loss " + EpochRecord.loss(epochs.get(0).validationLoss()) + ")"));
        }
        Optional<Diagnosis> unstable = instability(history, thresholds);
        if (unstable.isPresent()) {
            return unstable.get();
        }
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
                    String.format(Locale.ROOT, "over-fitting: the validation loss fell to %s at"
                            + " epoch %d and began to rise at epoch %d, ending %.0f %% higher"
                            + " (%s) while the training loss fell from %s to %s; keep the"
                            + " model of epoch %d (Fit.bestModel, early stopping), regularise"
                            + " (weight decay), get more data or use a smaller model",
                            EpochRecord.loss(validationBest), best, best + 1,
                            100 * (validationEnd / validationBest - 1), EpochRecord.loss(validationEnd),
                            EpochRecord.loss(atBest.trainLoss()), EpochRecord.loss(trainEnd), best));
        }
        if (validationBest > thresholds.highLoss() * trainFirst) {
            return new Diagnosis(FittingRegime.UNDER_FITTING, best, OptionalInt.empty(),
                    OptionalInt.empty(),
                    String.format(Locale.ROOT, "under-fitting: even the lowest validation loss,"
                            + " %s at epoch %d, is %.0f %% of the first epoch's training loss"
                            + " %s (the training loss ends at %s); try a bigger model or"
                            + " fewer constraints", EpochRecord.loss(validationBest), best,
                            100 * validationBest / trainFirst, EpochRecord.loss(trainFirst), EpochRecord.loss(trainEnd)));
        }
        if (n >= 2 * window) {
            double trainBefore = mean(epochs, n - 2 * window, n - window, true);
            if (trainBefore - trainEnd > thresholds.stillFalling() * trainFirst) {
                return new Diagnosis(FittingRegime.UNDER_FITTING, best, OptionalInt.empty(),
                    OptionalInt.empty(),
                        String.format(Locale.ROOT, "under-fitting: the training loss was still"
                                + " falling at the end (%s to %s over the last %d epochs,"
                                + " %.0f %% of the first epoch's %s); train for more epochs",
                                EpochRecord.loss(trainBefore), EpochRecord.loss(trainEnd), window,
                                100 * (trainBefore - trainEnd) / trainFirst, EpochRecord.loss(trainFirst)));
            }
        }
        return new Diagnosis(FittingRegime.GOOD_FIT, best, OptionalInt.empty(), OptionalInt.empty(),
                String.format(Locale.ROOT, "good fit: the validation loss settled at %s (lowest"
                        + " %s at epoch %d) and the training loss at %s, from %s in the"
                        + " first epoch", EpochRecord.loss(validationEnd), EpochRecord.loss(validationBest), best,
                        EpochRecord.loss(trainEnd), EpochRecord.loss(trainFirst)));
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
            double validation = record.validationLoss();
            if (i == 0 && validation > thresholds.divergence() * train) {
                // The model after epoch 1 is far worse than the mean of the epoch's batch losses:
                // the loss was growing within the epoch, so the divergence began in it.
                return Optional.of(diverged(history, 0, lowest, 1, String.format(Locale.ROOT,
                        "the validation loss after epoch 1 is %s, %.3g times the epoch's mean"
                                + " training loss %s, so the loss grew within epoch 1",
                        EpochRecord.loss(validation), validation / train, EpochRecord.loss(train))));
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

    /**
     * The first epoch whose training loss jumped above the previous epoch's by more than {@code
     * jump} times and by more than {@code stillFalling ·} the first epoch's, if any.
     */
    private static Optional<Diagnosis> instability(History history,
            DiagnosisThresholds thresholds) {
        List<EpochRecord> epochs = history.epochs();
        double trainFirst = epochs.get(0).trainLoss();
        for (int i = 1; i < epochs.size(); i++) {
            double before = epochs.get(i - 1).trainLoss();
            double after = epochs.get(i).trainLoss();
            if (after > thresholds.jump() * before
                    && after - before > thresholds.stillFalling() * trainFirst) {
                int epoch = epochs.get(i).epoch();
                int jumps = 0;
                for (int j = 1; j < epochs.size(); j++) {
                    double from = epochs.get(j - 1).trainLoss();
                    double to = epochs.get(j).trainLoss();
                    if (to > thresholds.jump() * from
                            && to - from > thresholds.stillFalling() * trainFirst) {
                        jumps++;
                    }
                }
                int best = history.bestEpoch().epoch();
                return Optional.of(new Diagnosis(FittingRegime.UNSTABLE, best,
                        OptionalInt.empty(), OptionalInt.of(epoch), String.format(Locale.ROOT,
                        "unstable from epoch %d: the training loss jumped from %s to %s (%.0f %%"
                                + " up) in epoch %d%s, and the validation loss went from %s in"
                                + " epoch 1 to %s (lowest %s at epoch %d); a training loss that"
                                + " jumps up is neither under- nor over-fitting (those lower it"
                                + " steadily): the steps overshoot, so lower the learning rate or"
                                + " clip the gradients (Optimizers.clipByGlobalNorm)", epoch,
                        EpochRecord.loss(before), EpochRecord.loss(after), 100 * (after / before - 1), epoch,
                        jumps > 1 ? String.format(Locale.ROOT, " (%d such jumps in %d epochs)",
                                jumps, epochs.size()) : "",
                        EpochRecord.loss(epochs.get(0).validationLoss()),
                        EpochRecord.loss(epochs.get(epochs.size() - 1).validationLoss()),
                        EpochRecord.loss(epochs.get(best - 1).validationLoss()), best)));
            }
        }
        return Optional.empty();
    }

    private static Diagnosis diverged(History history, int lowestEpoch, double lowest,
            int blowUpEpoch, String what) {
        int from = lowestEpoch == 0 ? 1 : Math.min(lowestEpoch + 1, blowUpEpoch);
        String before = lowestEpoch == 0 ? "" : String.format(Locale.ROOT, "; the training loss"
                + " was lowest (%s) at epoch %d", EpochRecord.loss(lowest), lowestEpoch);
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
