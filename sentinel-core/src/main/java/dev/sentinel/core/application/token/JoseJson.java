package dev.sentinel.core.application.token;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of JOSE headers, JWT claims and JWKs, without a JSON library: core depends on the JDK, Guava and
 * BouncyCastle only. Writes objects whose values are strings, integers, booleans or lists of strings, with no
 * whitespace and the keys in the map's order (RFC 7638 thumbprints need that). Reads any RFC 8259 object, refusing
 * duplicate member names (a second {@code "sub"} must not override the first), numbers that are not integers,
 * nesting deeper than {@value #MAX_DEPTH} and anything after the object. Public for reading only, so that the remote
 * verifier reads JWKS, metadata and introspection answers with the same strict rules. Thread-safe (stateless).
 */
public final class JoseJson {

    static final int MAX_DEPTH = 8;

    private JoseJson() {
    }

    /** The UTF-8 JSON of {@code members}. */
    static byte[] write(Map<String, ?> members) {
        StringBuilder out = new StringBuilder(256);
        writeObject(out, members);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads one JSON object from UTF-8: strings, {@link Long} integers, booleans, {@code null}, {@link List} arrays
     * and {@link Map} objects, members in document order.
     *
     * @throws IllegalArgumentException when the text is not such an object
     */
    public static Map<String, Object> read(byte[] utf8) {
        Reader reader = new Reader(new String(utf8, StandardCharsets.UTF_8));
        reader.skipWhitespace();
        Map<String, Object> object = reader.object(0);
        reader.skipWhitespace();
        if (!reader.atEnd()) {
            throw new IllegalArgumentException("text after the JSON object");
        }
        return object;
    }

    private static void writeObject(StringBuilder out, Map<String, ?> members) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, ?> member : members.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, member.getKey());
            out.append(':');
            writeValue(out, member.getValue());
        }
        out.append('}');
    }

    private static void writeValue(StringBuilder out, Object value) {
        if (value instanceof String text) {
            writeString(out, text);
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(value);
        } else if (value instanceof Boolean flag) {
            out.append(flag.booleanValue());
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeValue(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("JOSE JSON holds strings, integers, booleans and lists, not " + value);
        }
    }

    private static void writeString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A recursive-descent reader over one string. */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return at >= text.length();
        }

        void skipWhitespace() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                at++;
            }
        }

        Map<String, Object> object(int depth) {
            if (depth >= MAX_DEPTH) {
                throw new IllegalArgumentException("JSON nested too deeply");
            }
            expect('{');
            Map<String, Object> members = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                at++;
                return Collections.unmodifiableMap(members);
            }
            while (true) {
                skipWhitespace();
                String name = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                Object value = value(depth + 1);
                if (members.containsKey(name)) {
                    throw new IllegalArgumentException("duplicate member " + name);
                }
                members.put(name, value);
                skipWhitespace();
                char next = next();
                if (next == '}') {
                    return Collections.unmodifiableMap(members);
                }
                if (next != ',') {
                    throw new IllegalArgumentException("expected , or } at " + (at - 1));
                }
            }
        }

        private List<Object> array(int depth) {
            if (depth >= MAX_DEPTH) {
                throw new IllegalArgumentException("JSON nested too deeply");
            }
            expect('[');
            List<Object> values = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                at++;
                return Collections.unmodifiableList(values);
            }
            while (true) {
                skipWhitespace();
                values.add(value(depth + 1));
                skipWhitespace();
                char next = next();
                if (next == ']') {
                    return Collections.unmodifiableList(values);
                }
                if (next != ',') {
                    throw new IllegalArgumentException("expected , or ] at " + (at - 1));
                }
            }
        }

        private Object value(int depth) {
            char c = peek();
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, at)) {
                throw new IllegalArgumentException("unexpected character at " + at);
            }
            at += word.length();
            return value;
        }

        private Long number() {
            int start = at;
            if (peek() == '-') {
                at++;
            }
            int digits = at;
            while (at < text.length() && Character.isDigit(text.charAt(at)) && text.charAt(at) < 128) {
                at++;
            }
            if (at == digits || (text.charAt(digits) == '0' && at - digits > 1)) {
                throw new IllegalArgumentException("not a JSON integer at " + start);
            }
            if (at < text.length() && (text.charAt(at) == '.' || text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
                throw new IllegalArgumentException("only integers are expected at " + start);
            }
            try {
                return Long.parseLong(text.substring(start, at));
            } catch (NumberFormatException tooLarge) {
                throw new IllegalArgumentException("integer out of range at " + start);
            }
        }

        private String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character in a string at " + (at - 1));
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                char escaped = next();
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> value.append(unicodeEscape());
                    default -> throw new IllegalArgumentException("unknown escape at " + (at - 1));
                }
            }
        }

        private char unicodeEscape() {
            if (at + 4 > text.length()) {
                throw new IllegalArgumentException("short \\u escape");
            }
            int code = 0;
            for (int i = 0; i < 4; i++) {
                int digit = Character.digit(text.charAt(at++), 16);
                if (digit < 0) {
                    throw new IllegalArgumentException("bad \\u escape");
                }
                code = code * 16 + digit;
            }
            return (char) code;
        }

        private void expect(char wanted) {
            if (next() != wanted) {
                throw new IllegalArgumentException("expected " + wanted + " at " + (at - 1));
            }
        }

        private char peek() {
            if (atEnd()) {
                throw new IllegalArgumentException("unexpected end of JSON");
            }
            return text.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }
    }
}
