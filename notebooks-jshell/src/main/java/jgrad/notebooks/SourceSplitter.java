package jgrad.notebooks;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * Cuts notebook text into the snippets JShell evaluates one at a time, remembering the line each
 * starts on. Lines are fed in as if typed into jshell (or loaded with {@code /open}): after each
 * line, every complete snippet is cut off, so a line ending without a semicolon ends its snippet
 * when it can. Comments and blank lines between snippets are dropped, so every snippet starts at
 * its first token and positions inside it map straight to notebook lines. A line starting with
 * {@code /exit} becomes a last {@link SourceSnippet.Kind#EXIT} snippet; any other JShell command
 * becomes a {@link SourceSnippet.Kind#COMMAND} snippet for the runner to run or reject.
 */
final class SourceSplitter {

    private SourceSplitter() {
    }

    /**
     * Splits {@code text} into snippets with {@code analysis}, which decides whether the text read
     * so far holds a complete snippet. Trailing text that never completes one becomes one last
     * snippet, so that evaluating it reports the syntax error.
     */
    static List<SourceSnippet> split(String text, SourceCodeAnalysis analysis) {
        List<SourceSnippet> snippets = new ArrayList<>();
        int start = 0; // first character not yet cut into a snippet
        int line = 1; // line of start
        int lineEnd = 0;
        while (lineEnd < text.length()) {
            int newline = text.indexOf('\n', lineEnd);
            lineEnd = newline < 0 ? text.length() : newline + 1;
            while (true) {
                int code = skipBlanksAndComments(text, start, lineEnd);
                line += countNewlines(text, start, code);
                start = code;
                if (start >= lineEnd) {
                    break;
                }
                if (text.charAt(start) == '/' && !text.startsWith("/*", start)) {
                    // Complete comments were skipped above, so a leading slash starts a command.
                    String command = text.substring(start, lineEnd).strip();
                    if (command.equals("/exit") || command.startsWith("/exit ")) {
                        snippets.add(new SourceSnippet(SourceSnippet.Kind.EXIT, command, line));
                        return snippets;
                    }
                    snippets.add(new SourceSnippet(SourceSnippet.Kind.COMMAND, command, line));
                    start = lineEnd;
                    line++;
                    break;
                }
                String pending = text.substring(start, lineEnd);
                CompletionInfo info = analysis.analyzeCompletion(pending);
                int consumed = pending.length() - info.remaining().length();
                if (!info.completeness().isComplete() || info.source() == null || consumed <= 0) {
                    break; // wait for the next line
                }
                snippets.add(new SourceSnippet(SourceSnippet.Kind.JAVA, info.source(), line));
                line += countNewlines(text, start, start + consumed);
                start += consumed;
            }
        }
        int code = skipBlanksAndComments(text, start, text.length());
        if (code < text.length()) {
            line += countNewlines(text, start, code);
            String rest = text.substring(code).stripTrailing();
            SourceSnippet.Kind kind = rest.startsWith("/*") && !rest.contains("*/")
                    ? SourceSnippet.Kind.UNCLOSED_COMMENT : SourceSnippet.Kind.JAVA;
            snippets.add(new SourceSnippet(kind, rest, line));
        }
        return snippets;
    }

    /**
     * Returns the index of the first character in {@code [from, to)} that is neither white space
     * nor inside a comment, or {@code to}. A block comment not closed before {@code to} is not
     * skipped: the next line may close it, and if none does, JShell reports it.
     */
    static int skipBlanksAndComments(String text, int from, int to) {
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 || end >= to ? to : end + 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0 || end + 2 > to) {
                    return i;
                }
                i = end + 2;
            } else {
                return i;
            }
        }
        return to;
    }

    private static int countNewlines(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
