package jgrad.check;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jgrad.check.GradCheckReport.Check;
import jgrad.check.GradCheckReport.Entry;
import jgrad.check.GradCheckReport.Method;
import jgrad.check.GradCheckReport.NonFiniteOutput;
import jgrad.check.GradCheckReport.Status;
import jgrad.check.GradCheckReport.Verdict;

/** The readable form of a {@link GradCheckReport}. */
final class ReportText {

    /** Reports with up to this many comparisons list them all. */
    static final int TABLE_ROWS = 24;
    /** The failing elements named on the "failing:" line, at most. */
    private static final int NAMED_FAILURES = 12;

    private ReportText() {}

    static String summary(GradCheckReport report) {
        String verdict = switch (report.verdict()) {
            case PASSED -> "passed";
            case FAILED -> "FAILED";
            case NOT_CHECKED -> "NOT CHECKED";
        };
        String head = String.format("gradient check %s: %s, %s", verdict, report.name(),
                report.check().description());
        if (report.nonFiniteOutput().isPresent()) {
            NonFiniteOutput bad = report.nonFiniteOutput().get();
            String where = bad.index().isEmpty() ? "" : " at output " + bad.index();
            String cause = bad.cause().isEmpty() ? "" : "; cause: " + bad.cause();
            return String.format("%s: f(x) is %s%s; finite differences need a finite f(x)%s",
                    head, bad.value(), where, cause);
        }
        Optional<Entry> worst = report.worst();
        if (worst.isEmpty()) {
            return head + ": nothing compared" + (report.notes().isEmpty() ? ""
                    : " (" + report.notes().get(0) + ")");
        }
        Entry entry = worst.get();
        long methods = report.entries().stream().map(Entry::method).distinct().count();
        long single = report.entries().stream().filter(e -> e.method() != Method.PROJECTION)
                .count();
        String method = methods == 1 ? entry.method().description()
                : single < report.entries().size() ? String.format("%s and %d single element%s",
                        Method.PROJECTION.description(), single, single == 1 ? "" : "s")
                : "mixed methods";
        String summary = String.format("%s (%s, %d comparisons): worst at %s: %s %s, %s %s%s,"
                + " error %.3e, allowed %.3e", head, method, report.comparisons(), entry.where(),
                report.check().valueLabel(), entry.value(), report.check().referenceLabel(),
                numericText(entry), refinementText(entry), entry.error(), entry.allowed());
        if (report.verdict() == Verdict.NOT_CHECKED) {
            // Say what was not judged, and why: the worst judged comparison passed.
            Optional<Entry> unjudged = report.entries().stream()
                    .filter(e -> e.status() == Status.NOT_CHECKED).findFirst();
            if (unjudged.isPresent()) {
                long count = report.entries().stream()
                        .filter(e -> e.status() == Status.NOT_CHECKED).count();
                summary += String.format("; not checked: %s%s (%s)", unjudged.get().where(),
                        count > 1 ? String.format(" and %d more", count - 1) : "",
                        unjudged.get().note());
            }
        }
        return summary;
    }

    static String text(GradCheckReport report) {
        StringBuilder text = new StringBuilder(summary(report));
        text.append(String.format("%n  at %s; %s -> %s; tolerance %s", report.createdAt(),
                report.inputsText(), report.outputShape(), report.tolerance()));
        ImmutableList<Entry> entries = report.entries();
        if (!entries.isEmpty()) {
            text.append(table(report));
            List<Entry> failures = report.failures();
            if (!failures.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (Entry failure : failures.subList(0, Math.min(NAMED_FAILURES,
                        failures.size()))) {
                    names.add(failure.where());
                }
                String more = failures.size() > NAMED_FAILURES ? ", ..." : "";
                text.append(String.format("%n  failing: %s%s (%d of %d)", String.join("; ",
                        names), more, failures.size(), entries.size()));
            }
            for (Entry kink : report.kinks()) {
                text.append(kinkLine(report, kink));
            }
            report.worst().ifPresent(worst -> {
                text.append(String.format("%n  worst: %s: %s %s, %s %s, error %.3e, allowed"
                        + " %.3e, step %.3e (%s%s)", worst.where(), report.check().valueLabel(),
                        worst.value(), report.check().referenceLabel(), numericText(worst),
                        worst.error(), worst.allowed(), worst.step(), worst.scheme(),
                        refinementText(worst)));
                if (!Double.isNaN(worst.reverse())) {
                    text.append(String.format("; jgrad's reverse mode there: %s",
                            worst.reverse()));
                }
            });
            report.budget().ifPresent(budget -> text.append(String.format("%n  error budget"
                    + " of the worst comparison's estimate (%s, h = %.3e): truncation ~ %.1e,"
                    + " rounding 16 eps |f|/h ~ %.1e, together %.1e against the allowed %.1e",
                    budget.estimate(), budget.step(), budget.truncation(), budget.rounding(),
                    budget.total(), report.allowed())));
        }
        for (String note : report.notes()) {
            text.append(String.format("%n  note: %s", note));
        }
        if (report.verdict() == Verdict.NOT_CHECKED && report.notes().isEmpty()) {
            text.append(String.format("%n  note: not judged"));
        }
        return text.toString();
    }

    /**
     * {@code "kink at x[0]: one-sided derivatives -1.0 and 1.0, subgradient used 0.0"}, or for a
     * kink inside the step but not at x, on which side x is and the derivative there.
     */
    private static String kinkLine(GradCheckReport report, Entry kink) {
        String note = kink.note().isEmpty() ? "" : " [" + kink.note() + "]";
        if (kink.atKink()) {
            return String.format("%n  kink at %s: one-sided derivatives %s and %s, subgradient"
                    + " used %s%s%s", kink.where(), kink.left(), kink.right(), kink.value(),
                    kink.status() == Status.FAILED ? " (not between them: FAILED)" : "", note);
        }
        boolean above = kink.kinkOffset() > 0;
        String point = kink.projection() > 0 ? kink.input() + " (along projection "
                + kink.projection() + "'s direction)"
                : kink.index().isEmpty() ? kink.input() : kink.input() + kink.index();
        return String.format("%n  kink within step at %s: %s has a kink %.3e %s %s, inside the"
                + " step %.3e; one-sided derivatives %s below the kink and %s above; x is %s"
                + " it, so the derivative at x is %s; %s %s%s", kink.where(),
                report.check() == GradCheckReport.Check.SECOND_ORDER ? "g" : "f",
                Math.abs(kink.kinkOffset()), above ? "above" : "below", point, kink.step(),
                kink.left(), kink.right(), above ? "below" : "above", kink.numeric(),
                report.check().valueLabel(), kink.value(), kink.failed() ? " (FAILED)" : " (ok)");
    }

    /** The numeric value, or why there is none. */
    private static String numericText(Entry entry) {
        return Double.isNaN(entry.numeric()) && !entry.note().isEmpty()
                ? "none (" + entry.note() + ")" : Double.toString(entry.numeric());
    }

    private static String table(GradCheckReport report) {
        ImmutableList<Entry> entries = report.entries();
        List<Entry> rows = new ArrayList<>();
        boolean all = entries.size() <= TABLE_ROWS;
        if (all) {
            rows.addAll(entries);
        } else {
            for (Entry entry : entries) {
                if (entry.failed() && rows.size() < TABLE_ROWS - 1) {
                    rows.add(entry);
                }
            }
            report.worst().filter(worst -> !rows.contains(worst)).ifPresent(rows::add);
        }
        boolean withReverse = entries.stream().anyMatch(entry -> !Double.isNaN(entry.reverse()));
        Check check = report.check();
        int width = Math.max(8, rows.stream().mapToInt(entry -> entry.where().length()).max()
                .orElse(0));
        StringBuilder text = new StringBuilder();
        text.append(String.format("%n  %s", all ? "every comparison:"
                : String.format("%d comparisons; the failing ones (at most %d) and the worst:",
                        entries.size(), TABLE_ROWS)));
        String header = String.format("%n    %-" + width + "s  %22s  %22s", "element",
                check.valueLabel(), check.referenceLabel())
                + (withReverse ? String.format("  %22s", "jgrad reverse") : "")
                + String.format("  %9s  %9s  %s", "error", "allowed", "status");
        text.append(header);
        for (Entry entry : rows) {
            text.append(String.format("%n    %-" + width + "s  %22s  %22s", entry.where(),
                    entry.value(), entry.numeric()));
            if (withReverse) {
                text.append(String.format("  %22s", entry.reverse()));
            }
            text.append(String.format("  %9.2e  %9.2e  %s", entry.error(), entry.allowed(),
                    status(entry)));
        }
        return text.toString();
    }

    private static String status(Entry entry) {
        String status = switch (entry.status()) {
            case PASSED -> "ok";
            case FAILED -> "FAILED";
            case KINK -> "kink";
            case NOT_CHECKED -> "not checked";
        };
        if (!Double.isNaN(entry.left())) {
            return entry.atKink() ? status : status + " (kink within step)";
        }
        return entry.note().isEmpty() ? status : status + " (" + entry.note() + ")";
    }

    private static String refinementText(Entry entry) {
        if (entry.refinement() == 0) {
            return "";
        }
        return String.format(" (Richardson extrapolation of steps %s and %s, h = %.3e)",
                fraction(entry.refinement() - 1), fraction(entry.refinement()), entry.step());
    }

    /** {@code h / 4^k} as text. */
    private static String fraction(int k) {
        return k == 0 ? "h" : "h/" + (1L << 2 * k);
    }
}
