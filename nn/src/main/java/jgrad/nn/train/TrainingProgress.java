package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar per epoch, with the running training loss (the mean of the epoch's
 * batch losses so far), drawn by the {@code me.tongfei:progressbar} library:
 *
 * <pre>
 * epoch 3/30  62% [=========&gt;      ]  25/40 (0:00:01 / 0:00:00) loss 0.41230
 * </pre>
 *
 * <p>{@link Trainer#fit} adds one, drawing on standard error, when {@link
 * TrainingSettings#progressBar()} is true and the system property {@value #PROPERTY} allows it:
 * <ul>
 *   <li>unset or {@code auto} (the default): only when standard output is a terminal ({@code
 *       System.console() != null}); so it is off when output goes to a file or a pipe, in tests,
 *       and in notebooks run by {@code ./notebook};
 *   <li>{@code false}: never, for logs and CI ({@code java -Djgrad.progress=false ...}, or
 *       {@code JGRAD_PROGRESS=false ./notebook});
 *   <li>{@code true}: always, even when output is not a terminal.
 * </ul>
 * Any other value is refused when training starts. The bar of an epoch is finished after its last
 * batch, before the epoch's record is passed on, so a printing listener's line comes after it.
 *
 * <p>Unlike the other callbacks this one holds mutable state (the bar being drawn): give each run
 * its own.
 */
public final class TrainingProgress implements Callback {

    /** The system property that turns the bar off ({@code false}) or on ({@code true}). */
    public static final String PROPERTY = "jgrad.progress";

    private final PrintStream out;
    private final int width;
    private final int epochs;
    private ProgressBar bar;

    /**
     * A progress bar drawn on {@code out}, {@code width} characters wide (0: the terminal's
     * width), for a run of {@code epochs} epochs.
     *
     * @throws IllegalArgumentException if {@code width} is negative or {@code epochs < 1}
     */
    public TrainingProgress(PrintStream out, int width, int epochs) {
        this.out = checkNotNull(out, "trainingProgress: out is null");
        checkArgument(width >= 0, "trainingProgress: width must be >= 0, got %s", width);
        checkArgument(epochs >= 1, "trainingProgress: epochs must be >= 1, got %s", epochs);
        this.width = width;
        this.epochs = epochs;
    }

    /**
     * Whether {@link Trainer#fit} draws a bar: {@code settings.progressBar()} and, by {@code
     * property} (the value of the system property {@value #PROPERTY}), always for {@code true},
     * never for {@code false}, and when {@code terminal} for {@code null} (unset), blank or
     * {@code auto}; case is ignored.
     *
     * @throws IllegalArgumentException if {@code property} is another value, naming it
     */
    public static boolean shown(TrainingSettings settings, String property, boolean terminal) {
        checkNotNull(settings, "trainingProgress: settings is null");
        String value = property == null ? "auto" : property.strip().toLowerCase(Locale.ROOT);
        boolean allowed;
        switch (value) {
            case "":
            case "auto":
                allowed = terminal;
                break;
            case "true":
                allowed = true;
                break;
            case "false":
                allowed = false;
                break;
            default:
                throw new IllegalArgumentException("fit: the system property " + PROPERTY
                        + " must be true, false or auto, got '" + property + "'");
        }
        return settings.progressBar() && allowed;
    }

    /** Advances the epoch's bar to this batch; finishes it after the epoch's last batch. */
    @Override
    public Decision afterBatch(BatchEnd batch) {
        if (bar == null) {
            ProgressBarConsumer consumer = width > 0 ? new ConsoleProgressBarConsumer(out, width)
                    : new ConsoleProgressBarConsumer(out);
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", batch.epoch(),
                            epochs))
                    .setInitialMax(batch.batches())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(consumer)
                    .build();
        }
        bar.stepTo(batch.batch());
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.5f", batch.runningLoss()));
        if (batch.batch() == batch.batches()) {
            finish();
        }
        return Decision.proceed();
    }

    /** Finishes a bar left open by a stop or an exception. */
    @Override
    public void afterTraining(History history) {
        finish();
    }

    private void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
