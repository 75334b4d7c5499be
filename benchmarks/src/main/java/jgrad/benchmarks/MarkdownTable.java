package jgrad.benchmarks;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Strings;
import java.util.List;

/** A Markdown pipe table with padded columns, readable both rendered and in a terminal. */
final class MarkdownTable {

    private MarkdownTable() {}

    /**
     * Formats {@code rows} under {@code header}; columns whose index is in {@code rightAligned}
     * are right-aligned ({@code ---:}). Pipes inside cells are escaped.
     *
     * @throws IllegalArgumentException if a row's length differs from the header's
     */
    static String format(List<String> header, List<? extends List<String>> rows,
            List<Integer> rightAligned) {
        int columns = header.size();
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = Math.max(3, escape(header.get(c)).length());
        }
        for (List<String> row : rows) {
            checkArgument(row.size() == columns, "table: %s cells expected, got %s: %s",
                    columns, row.size(), row);
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], escape(row.get(c)).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths, rightAligned);
        out.append('|');
        for (int c = 0; c < columns; c++) {
            boolean right = rightAligned.contains(c);
            out.append(' ').append(Strings.repeat("-", widths[c] - (right ? 1 : 0)))
                    .append(right ? ":" : "").append(" |");
        }
        out.append('\n');
        for (List<String> row : rows) {
            line(out, row, widths, rightAligned);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths,
            List<Integer> rightAligned) {
        out.append('|');
        for (int c = 0; c < cells.size(); c++) {
            String cell = escape(cells.get(c));
            out.append(' ').append(rightAligned.contains(c)
                    ? Strings.padStart(cell, widths[c], ' ')
                    : Strings.padEnd(cell, widths[c], ' ')).append(" |");
        }
        out.append('\n');
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
