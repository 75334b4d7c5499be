package jgrad.datasets.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser of the Python literals that an NPY header holds: a dict of string keys whose values are
 * strings, {@code True}, {@code False}, {@code None}, integers, tuples and lists of them. No code
 * is evaluated (NumPy itself uses {@code ast.literal_eval}). Each problem is an {@link
 * IllegalArgumentException} naming the character position.
 */
final class PythonLiteral {

    /** A Python tuple. */
    record Tuple(List<Object> items) {}

    /** A Python list. */
    record PyList(List<Object> items) {}

    /** Python's {@code None}. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    private final String text;
    private int position;

    private PythonLiteral(String text) {
        this.text = text;
    }

    /** Parses {@code text} as one dict literal, with only whitespace around it. */
    static Map<String, Object> parseDict(String text) {
        PythonLiteral parser = new PythonLiteral(text);
        parser.skipSpace();
        if (!parser.peek('{')) {
            throw parser.error("expected '{' to open the header dict");
        }
        Map<String, Object> dict = parser.dict();
        parser.skipSpace();
        if (parser.position != text.length()) {
            throw parser.error("unexpected text after the header dict");
        }
        return dict;
    }

    private Map<String, Object> dict() {
        expect('{');
        Map<String, Object> entries = new LinkedHashMap<>();
        skipSpace();
        while (!peek('}')) {
            int keyPosition = position;
            Object key = value();
            if (!(key instanceof String name)) {
                position = keyPosition;
                throw error("dict keys must be strings");
            }
            if (entries.containsKey(name)) {
                position = keyPosition;
                throw error("key '" + name + "' appears twice");
            }
            skipSpace();
            expect(':');
            entries.put(name, value());
            skipSpace();
            if (!peek('}')) {
                expect(',');
                skipSpace();
            }
        }
        expect('}');
        return entries;
    }

    private Object value() {
        skipSpace();
        if (position >= text.length()) {
            throw error("unexpected end of the header");
        }
        char c = text.charAt(position);
        if (c == '\'' || c == '"') {
            return string(c);
        }
        if (c == '(') {
            return new Tuple(sequence('(', ')'));
        }
        if (c == '[') {
            return new PyList(sequence('[', ']'));
        }
        if (c == '{') {
            return dict();
        }
        if (c == '-' || c == '+' || Character.isDigit(c)) {
            return integer();
        }
        for (Map.Entry<String, Object> word : Map.of(
                "True", (Object) Boolean.TRUE, "False", Boolean.FALSE, "None", NONE).entrySet()) {
            if (text.startsWith(word.getKey(), position)) {
                int end = position + word.getKey().length();
                if (end == text.length() || !Character.isLetterOrDigit(text.charAt(end))) {
                    position = end;
                    return word.getValue();
                }
            }
        }
        throw error("unexpected character '" + c + "'");
    }

    /** Items until {@code close}; a trailing comma is allowed. */
    private List<Object> sequence(char open, char close) {
        expect(open);
        List<Object> items = new ArrayList<>();
        skipSpace();
        while (!peek(close)) {
            items.add(value());
            skipSpace();
            if (!peek(close)) {
                expect(',');
                skipSpace();
            }
        }
        expect(close);
        return items;
    }

    private String string(char quote) {
        expect(quote);
        StringBuilder out = new StringBuilder();
        while (position < text.length() && text.charAt(position) != quote) {
            char c = text.charAt(position++);
            if (c == '\\') {
                if (position >= text.length()) {
                    break;
                }
                char escaped = text.charAt(position++);
                out.append(escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped);
            } else {
                out.append(c);
            }
        }
        if (position >= text.length()) {
            throw error("unterminated string");
        }
        position++;
        return out.toString();
    }

    private BigInteger integer() {
        int start = position;
        if (peek('-') || peek('+')) {
            position++;
        }
        while (position < text.length() && Character.isDigit(text.charAt(position))
                && text.charAt(position) < 128) {
            position++;
        }
        String digits = text.substring(start, position);
        if (digits.isEmpty() || digits.equals("-") || digits.equals("+")) {
            throw error("expected an integer");
        }
        if (peek('L') || peek('l')) {
            position++; // Python 2's long suffix, as old NumPy versions wrote shapes
        }
        if (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                || text.charAt(position) == '.')) {
            throw error("expected an integer, got '" + text.substring(start, position + 1) + "'");
        }
        return new BigInteger(digits);
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private boolean peek(char c) {
        return position < text.length() && text.charAt(position) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        position++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + position);
    }
}
