package jgrad.notebooks;

import static java.util.Objects.requireNonNull;

/**
 * One piece of a notebook's source, as {@link SourceSplitter} cut it: a Java snippet to evaluate,
 * a JShell command line, or the {@code /exit} that ends the notebook.
 *
 * @param kind whether {@code source} is Java or a command
 * @param source the text handed to {@code JShell.eval}; it starts at the snippet's first token
 * @param line the 1-based line of the notebook file on which {@code source} starts
 */
record SourceSnippet(Kind kind, String source, int line) {

    /** What a piece of notebook source is. */
    enum Kind {
        /** A Java snippet: declaration, statement, expression or import. */
        JAVA,
        /** A JShell command such as {@code /open helpers.jsh}; the runner runs {@code /open}. */
        COMMAND,
        /** {@code /exit}: the run ends here, successfully; nothing after it is read. */
        EXIT,
        /**
         * A block comment still open at the end of the file: JShell would evaluate it as nothing
         * and the rest of the notebook would be skipped without an error.
         */
        UNCLOSED_COMMENT
    }

    SourceSnippet {
        requireNonNull(kind, "kind");
        requireNonNull(source, "source");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, was " + line);
        }
    }

    /**
     * Returns the notebook line holding the character at {@code position} of {@link #source()};
     * positions outside the source map to the snippet's first line.
     */
    int lineAt(long position) {
        if (position < 0 || position > source.length()) {
            return line;
        }
        int newlines = 0;
        for (int i = 0; i < position; i++) {
            if (source.charAt(i) == '\n') {
                newlines++;
            }
        }
        return line + newlines;
    }

    /**
     * Returns the source text of the line holding {@code position}, then a line with a caret under
     * that position, each indented by four spaces; just the first line when the position is
     * unknown (negative or past the end).
     */
    String excerpt(long position) {
        if (position < 0 || position > source.length()) {
            return "    " + firstLine();
        }
        int at = (int) position;
        int start = source.lastIndexOf('\n', at - 1) + 1;
        int end = source.indexOf('\n', at);
        String text = source.substring(start, end < 0 ? source.length() : end).stripTrailing();
        StringBuilder caret = new StringBuilder("    ");
        for (int i = start; i < at; i++) {
            // Keep tabs so the caret lines up with the text above it.
            caret.append(source.charAt(i) == '\t' ? '\t' : ' ');
        }
        return "    " + text + "\n" + caret.append('^');
    }

    /** Returns the first line of the source, without its line break. */
    String firstLine() {
        int end = source.indexOf('\n');
        return (end < 0 ? source : source.substring(0, end)).stripTrailing();
    }
}
