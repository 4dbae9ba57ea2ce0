package dev.sentinel.core.jose;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of JOSE headers, JWT claims and JWKs, without a JSON library: core depends on the JDK, Guava and
 * BouncyCastle only. Writes objects whose values are strings, integers, booleans, null, lists, objects or raw JSON, with no
 * whitespace and the keys in the map's order (RFC 7638 thumbprints need that). Reads any RFC 8259 object, refusing
 * duplicate member names (a second {@code "sub"} must not override the first), numbers that are not integers,
 * nesting deeper than {@value #MAX_DEPTH} and anything after the object, so that every verifier reads tokens, JWKS,
 * metadata and introspection answers with the same strict rules. Thread-safe (stateless).
 */
public final class JoseJson {

    static final int MAX_DEPTH = 8;
    static final int MAX_DATA_DEPTH = 64;

    private JoseJson() {
    }

    /** The UTF-8 JSON of {@code members}. */
    public static byte[] write(Map<String, ?> members) {
        StringBuilder out = new StringBuilder(256);
        writeObject(out, members);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A value already written as JSON, written as it is (the caller vouches that it is valid JSON). */
    public interface Raw {

        /** The JSON text. */
        String json();
    }

    /** The UTF-8 JSON of an array of {@code items} (strings, integers, booleans, null, lists, objects, raw JSON). */
    public static byte[] writeArray(List<?> items) {
        StringBuilder out = new StringBuilder(256);
        writeValue(out, items);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads one JSON object from UTF-8: strings, {@link Long} integers, booleans, {@code null}, {@link List} arrays
     * and {@link Map} objects, members in document order.
     *
     * @throws IllegalArgumentException when the text is not such an object
     */
    public static Map<String, Object> read(byte[] utf8) {
        return read(new Reader(new String(utf8, StandardCharsets.UTF_8), true, MAX_DEPTH));
    }

    /**
     * Reads one JSON object of data, such as an activity event's metadata: as {@link #read}, but numbers may have
     * fractions and exponents ({@link Double}; integers beyond {@code long} are {@link java.math.BigInteger}) and
     * nesting may be {@value #MAX_DATA_DEPTH} deep.
     *
     * @throws IllegalArgumentException when the text is not such an object
     */
    public static Map<String, Object> readData(String json) {
        return read(new Reader(json, false, MAX_DATA_DEPTH));
    }

    private static Map<String, Object> read(Reader reader) {
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
        } else if (value instanceof Long || value instanceof Integer || value instanceof java.math.BigInteger) {
            out.append(value);
        } else if (value instanceof Double number && Double.isFinite(number)) {
            out.append(number.doubleValue());
        } else if (value instanceof Boolean flag) {
            out.append(flag.booleanValue());
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> members = new java.util.LinkedHashMap<>();
            map.forEach((name, member) -> members.put((String) name, member));
            writeObject(out, members);
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
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
            throw new IllegalArgumentException("JOSE JSON holds strings, integers, booleans, null, lists, objects and raw "
                    + "JSON, not " + value);
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
        private final boolean integersOnly;
        private final int maxDepth;
        private int at;

        Reader(String text, boolean integersOnly, int maxDepth) {
            this.text = text;
            this.integersOnly = integersOnly;
            this.maxDepth = maxDepth;
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
            if (depth >= maxDepth) {
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
            if (depth >= maxDepth) {
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

        private Number number() {
            int start = at;
            if (peek() == '-') {
                at++;
            }
            int digits = at;
            skipDigits();
            if (at == digits || (text.charAt(digits) == '0' && at - digits > 1)) {
                throw new IllegalArgumentException("not a JSON integer at " + start);
            }
            if (at < text.length() && (text.charAt(at) == '.' || text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
                if (integersOnly) {
                    throw new IllegalArgumentException("only integers are expected at " + start);
                }
                return fraction(start);
            }
            try {
                return Long.parseLong(text.substring(start, at));
            } catch (NumberFormatException tooLarge) {
                if (integersOnly) {
                    throw new IllegalArgumentException("integer out of range at " + start);
                }
                return new java.math.BigInteger(text.substring(start, at));
            }
        }

        /** The rest of a number with a fraction or an exponent (RFC 8259 §6), from {@code start}. */
        private Double fraction(int start) {
            if (text.charAt(at) == '.') {
                at++;
                int digits = at;
                skipDigits();
                if (at == digits) {
                    throw new IllegalArgumentException("not a JSON number at " + start);
                }
            }
            if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
                at++;
                if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                    at++;
                }
                int digits = at;
                skipDigits();
                if (at == digits) {
                    throw new IllegalArgumentException("not a JSON number at " + start);
                }
            }
            return Double.valueOf(text.substring(start, at));
        }

        private void skipDigits() {
            while (at < text.length() && Character.isDigit(text.charAt(at)) && text.charAt(at) < 128) {
                at++;
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
