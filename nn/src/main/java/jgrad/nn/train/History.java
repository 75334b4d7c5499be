package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableDoubleArray;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The epochs of a training run, in order, as immutable records.
 *
 * <pre>{@code
 * jshell> fit.history().bestEpoch()
 * $3 ==> epoch  50  train loss 0.07109  validation loss 0.03949  validation accuracy 1.0000
 * jshell> fit.history().validationLosses()      // for a plot
 * }</pre>
 *
 * @param epochs     one record per epoch, epoch 1 first
 * @param stopReason why training stopped before its last epoch (early stopping, a NaN loss);
 *                   empty if it ran every epoch
 */
public record History(ImmutableList<EpochRecord> epochs, Optional<String> stopReason) {

    private static final History EMPTY = new History(ImmutableList.of());

    /** @throws NullPointerException if an argument is null */
    public History {
        checkNotNull(epochs, "epochs");
        checkNotNull(stopReason, "stopReason (use empty)");
    }

    /** The history of a run that ran every epoch. */
    public History(ImmutableList<EpochRecord> epochs) {
        this(epochs, Optional.empty());
    }

    /** No epochs. */
    public static History empty() {
        return EMPTY;
    }

    /** This history with {@code record} appended. */
    public History plus(EpochRecord record) {
        checkNotNull(record, "history: record is null");
        return new History(ImmutableList.<EpochRecord>builderWithExpectedSize(epochs.size() + 1)
                .addAll(epochs).add(record).build(), stopReason);
    }

    /** This history with the reason training stopped. */
    public History withStopReason(String reason) {
        return new History(epochs, Optional.of(checkNotNull(reason, "history: reason is null")));
    }

    /**
     * The fitting regime these curves show, with the default thresholds: {@code
     * Diagnosis.of(this, DiagnosisThresholds.defaults())}: under-fitting, good fit, over-fitting,
     * a diverged run (NaN, infinite or exploding losses), an unstable one (training losses that
     * jump up between epochs), or too few epochs to judge (fewer than two).
     */
    public Diagnosis diagnose() {
        return Diagnosis.of(this, DiagnosisThresholds.defaults());
    }

    /** The number of epochs recorded. */
    public int size() {
        return epochs.size();
    }

    /**
     * The last epoch's record.
     *
     * @throws IllegalStateException if no epoch was recorded
     */
    public EpochRecord last() {
        checkState(!epochs.isEmpty(), "history: no epochs recorded");
        return epochs.get(epochs.size() - 1);
    }

    /**
     * The record with the lowest validation loss; the earliest on ties, and NaN losses count as
     * worst.
     *
     * @throws IllegalStateException if no epoch was recorded
     */
    public EpochRecord bestEpoch() {
        checkState(!epochs.isEmpty(), "history: no epochs recorded");
        // Double.compare orders NaN above every number, so a NaN loss is never best unless all are.
        return epochs.stream()
                .min(Comparator.comparingDouble(EpochRecord::validationLoss))
                .orElseThrow();
    }

    /** The training loss of each epoch, in order. */
    public ImmutableDoubleArray trainLosses() {
        return column(EpochRecord::trainLoss);
    }

    /** The validation loss of each epoch, in order. */
    public ImmutableDoubleArray validationLosses() {
        return column(EpochRecord::validationLoss);
    }

    /** The validation accuracy of each epoch, in order. */
    public ImmutableDoubleArray validationAccuracies() {
        return column(EpochRecord::validationAccuracy);
    }

    /**
     * One line per epoch under a header: epoch, train loss, validation loss, accuracy (left out
     * when no epoch has one: a regression run).
     */
    public String table() {
        boolean accuracy = epochs.stream()
                .anyMatch(record -> !Double.isNaN(record.validationAccuracy()));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%5s  %12s  %15s",
                "epoch", "train loss", "validation loss"));
        out.append(accuracy ? String.format(Locale.ROOT, "  %19s%n", "validation accuracy")
                : System.lineSeparator());
        for (EpochRecord record : epochs) {
            out.append(String.format(Locale.ROOT, "%5d  %12s  %15s", record.epoch(),
                    EpochRecord.loss(record.trainLoss()), EpochRecord.loss(record.validationLoss())));
            out.append(accuracy ? String.format(Locale.ROOT, "  %19.4f%n",
                    record.validationAccuracy()) : System.lineSeparator());
        }
        stopReason.ifPresent(reason -> out.append("stopped: ").append(reason)
                .append(System.lineSeparator()));
        return out.toString();
    }

    /** {@code History[50 epochs; last: epoch 50 ...; best: epoch 41 ...; stopped: ...]}. */
    @Override
    public String toString() {
        String stopped = stopReason.map(reason -> "; stopped: " + reason).orElse("");
        if (epochs.isEmpty()) {
            return "History[0 epochs" + stopped + "]";
        }
        return "History[" + epochs.size() + " epochs; last: " + last() + "; best: " + bestEpoch()
                + stopped + "]";
    }

    private ImmutableDoubleArray column(ToDoubleFunction<EpochRecord> value) {
        ImmutableDoubleArray.Builder column = ImmutableDoubleArray.builder(epochs.size());
        for (EpochRecord record : epochs) {
            column.add(value.applyAsDouble(record));
        }
        return column.build();
    }
}
