package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;

/**
 * What a {@link Callback} decides after a batch or an epoch: go on or stop (with a reason), and
 * whether the loop should keep the current parameters for it.
 *
 * @param stopReason why training should stop, shown in {@link History#stopReason()}; empty to
 *                   go on
 * @param keepParams whether to keep the current parameters for this callback (see {@link
 *                   Callback#restoresKeptParams()}); only honoured after an epoch
 */
public record Decision(Optional<String> stopReason, boolean keepParams) {

    private static final Decision PROCEED = new Decision(Optional.empty(), false);
    private static final Decision KEEP = new Decision(Optional.empty(), true);

    /** @throws IllegalArgumentException if the stop reason is blank */
    public Decision {
        checkNotNull(stopReason, "decision: stopReason is null (use empty)");
        stopReason.ifPresent(reason -> checkArgument(!reason.isBlank(),
                "decision: a stop needs a reason"));
    }

    /** Go on. */
    public static Decision proceed() {
        return PROCEED;
    }

    /** Go on, and keep the current parameters for this callback. */
    public static Decision keep() {
        return KEEP;
    }

    /**
     * Stop training, for {@code reason}.
     *
     * @throws IllegalArgumentException if {@code reason} is blank
     */
    public static Decision stop(String reason) {
        return new Decision(Optional.of(checkNotNull(reason, "decision: reason is null")), false);
    }

    /** Whether this decision stops training. */
    public boolean stops() {
        return stopReason.isPresent();
    }
}
