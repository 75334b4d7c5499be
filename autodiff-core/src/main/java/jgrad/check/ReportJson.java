package jgrad.check;

import com.google.common.primitives.ImmutableIntArray;
import java.util.Map;
import jgrad.check.GradCheckReport.Entry;
import jgrad.core.Shape;

/** The JSON form of a {@link GradCheckReport}, written by hand (RFC 8259). */
final class ReportJson {

    private ReportJson() {}

    static String of(GradCheckReport report) {
        StringBuilder json = new StringBuilder("{");
        field(json, "name").append(string(report.name())).append(',');
        field(json, "createdAt").append(string(report.createdAt())).append(',');
        field(json, "check").append(string(report.check().name())).append(',');
        field(json, "description").append(string(report.check().description())).append(',');
        field(json, "verdict").append(string(report.verdict().name())).append(',');
        field(json, "passed").append(report.passed()).append(',');
        field(json, "inputShapes").append('{');
        boolean first = true;
        for (Map.Entry<String, Shape> input : report.inputShapes().entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            field(json, input.getKey()).append(ints(input.getValue().dims()));
        }
        json.append("},");
        field(json, "outputShape").append(ints(report.outputShape().dims())).append(',');
        field(json, "tolerance").append('{');
        field(json, "rtol").append(number(report.tolerance().rtol())).append(',');
        field(json, "atol").append(number(report.tolerance().atol())).append(',');
        field(json, "dtype").append(string(report.tolerance().dtype().toString())).append("},");
        field(json, "comparisons").append(report.comparisons()).append(',');
        field(json, "worst").append(report.worst()
                .map(worst -> Integer.toString(report.entries().indexOf(worst)))
                .orElse("null")).append(',');
        field(json, "failures").append('[');
        first = true;
        for (int i = 0; i < report.entries().size(); i++) {
            if (report.entries().get(i).failed()) {
                json.append(first ? "" : ",").append(i);
                first = false;
            }
        }
        json.append("],");
        field(json, "budget");
        if (report.budget().isPresent()) {
            GradCheckReport.ErrorBudget budget = report.budget().get();
            json.append('{');
            field(json, "step").append(number(budget.step())).append(',');
            field(json, "truncation").append(number(budget.truncation())).append(',');
            field(json, "rounding").append(number(budget.rounding())).append(',');
            field(json, "estimate").append(string(budget.estimate())).append('}');
        } else {
            json.append("null");
        }
        json.append(',');
        field(json, "nonFiniteOutput");
        if (report.nonFiniteOutput().isPresent()) {
            GradCheckReport.NonFiniteOutput bad = report.nonFiniteOutput().get();
            json.append('{');
            field(json, "index").append(ints(bad.index())).append(',');
            field(json, "value").append(number(bad.value())).append(',');
            field(json, "cause").append(string(bad.cause())).append('}');
        } else {
            json.append("null");
        }
        json.append(',');
        field(json, "notes").append('[');
        for (int i = 0; i < report.notes().size(); i++) {
            json.append(i == 0 ? "" : ",").append(string(report.notes().get(i)));
        }
        json.append("],");
        field(json, "entries").append('[');
        for (int i = 0; i < report.entries().size(); i++) {
            json.append(i == 0 ? "" : ",");
            entry(json, report.entries().get(i));
        }
        json.append("]}");
        return json.toString();
    }

    private static void entry(StringBuilder json, Entry entry) {
        json.append('{');
        field(json, "where").append(string(entry.where())).append(',');
        field(json, "method").append(string(entry.method().name())).append(',');
        field(json, "input").append(string(entry.input())).append(',');
        field(json, "index").append(ints(entry.index())).append(',');
        field(json, "outputIndex").append(ints(entry.outputIndex())).append(',');
        field(json, "projection").append(entry.projection()).append(',');
        field(json, "value").append(number(entry.value())).append(',');
        field(json, "numeric").append(number(entry.numeric())).append(',');
        field(json, "reverse").append(number(entry.reverse())).append(',');
        field(json, "error").append(number(entry.error())).append(',');
        field(json, "allowed").append(number(entry.allowed())).append(',');
        field(json, "status").append(string(entry.status().name())).append(',');
        field(json, "step").append(number(entry.step())).append(',');
        field(json, "scheme").append(string(entry.scheme())).append(',');
        field(json, "refinement").append(entry.refinement()).append(',');
        field(json, "left").append(number(entry.left())).append(',');
        field(json, "right").append(number(entry.right())).append(',');
        field(json, "kinkOffset").append(number(entry.kinkOffset())).append(',');
        field(json, "note").append(string(entry.note())).append('}');
    }

    private static StringBuilder field(StringBuilder json, String name) {
        return json.append(string(name)).append(':');
    }

    /** A JSON number, or the strings "NaN", "Infinity", "-Infinity" that JSON numbers lack. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "\"NaN\"";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        }
        // Double.toString gives "1.0E-5"; JSON accepts the exponent, and "1.0" is a number.
        return Double.toString(value);
    }

    private static String ints(ImmutableIntArray values) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < values.length(); i++) {
            json.append(i == 0 ? "" : ",").append(values.get(i));
        }
        return json.append(']').toString();
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static String string(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
