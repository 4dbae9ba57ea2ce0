package dev.sentinel.http.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON mapper of the HTTP adapter. Replies are built as maps, so field names are exactly what we write.
 * Request bodies are read strictly: a member name twice in one object, or anything but whitespace after the first
 * value, is malformed — a gateway that reads the first key or the first value must never see another request than
 * Sentinel does.
 */
public final class Json {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    /** A body that is not exactly one well-formed JSON value; the message says what is wrong, for the caller. */
    public static final class MalformedJsonException extends IOException {

        MalformedJsonException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write JSON", impossible);
        }
    }

    /**
     * Parses a body that must be exactly one JSON value; an empty body is a missing node.
     *
     * @throws MalformedJsonException naming the problem: a duplicate member name, content after the first value, or
     *                                where the text stops being JSON
     */
    public static JsonNode parse(byte[] body) throws MalformedJsonException {
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonNode first = readFirst(parser);
            try {
                if (parser.nextToken() != null) {
                    throw trailing(parser, null);
                }
            } catch (JsonParseException afterFirst) {
                throw trailing(parser, afterFirst);
            }
            return first;
        } catch (MalformedJsonException malformed) {
            throw malformed;
        } catch (IOException unreadable) {
            throw new MalformedJsonException("the body is not well-formed JSON", unreadable);
        }
    }

    private static JsonNode readFirst(JsonParser parser) throws IOException {
        try {
            JsonNode node = MAPPER.readTree(parser);
            return node == null ? MAPPER.missingNode() : node;
        } catch (JsonParseException malformed) {
            String message = malformed.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field '")) {
                String name = message.substring("Duplicate field '".length(), message.lastIndexOf('\''));
                throw new MalformedJsonException("the body has the member \"" + shorten(name)
                        + "\" more than once in one object (duplicate keys are refused)", malformed);
            }
            throw new MalformedJsonException("the body is not well-formed JSON (line "
                    + malformed.getLocation().getLineNr() + ", column " + malformed.getLocation().getColumnNr() + ")",
                    malformed);
        }
    }

    private static MalformedJsonException trailing(JsonParser parser, Throwable cause) {
        return new MalformedJsonException("the body holds more than one JSON value: there is content after the first "
                + "(line " + parser.currentLocation().getLineNr() + ", column "
                + parser.currentLocation().getColumnNr() + ")", cause);
    }

    private static String shorten(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }

    /** Parses JSON text as {@link #parse(byte[])} does; a malformed text is an {@link UncheckedIOException}. */
    public static JsonNode parse(String text) {
        try {
            return parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException malformed) {
            throw new UncheckedIOException(malformed);
        }
    }

    /** Writes {@code value} as the reply with the given status and {@code application/json}. */
    public static void reply(Context ctx, int status, Object value) {
        ctx.status(status).contentType(JSON).result(bytes(value));
    }
}
