package dev.sentinel.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.web.Json;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads JSON request bodies strictly: {@code application/json} only (else 415), exactly one well-formed JSON value
 * without duplicate member names (else 400 naming the problem, see {@link Json#parse(byte[])}), an object
 * whose fields are all known and hold strings, numbers or null, or for list fields arrays of strings or null (else 400
 * naming each field).
 */
final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * A read body: text fields (numbers as their text; null as absent), list fields (null as an empty list), and
     * which fields were given at all.
     */
    record Body(Map<String, String> texts, Map<String, List<String>> lists, Set<String> given,
                Map<String, JsonNode> raw) {

        Body(Map<String, String> texts, Map<String, List<String>> lists, Set<String> given) {
            this(texts, lists, given, Map.of());
        }
    }

    /** Fields of which at least one must be given, and the rule that says so (named on the first of them). */
    record OneOf(List<String> fields, String rule) {
    }

    /** The body's fields as text (numbers as their text, null as absent); an empty body is an empty object. */
    static Map<String, String> read(Context ctx, Set<String> allowed, boolean optional) {
        return read(ctx, allowed, Set.of(), optional).texts();
    }

    /** {@link #read(Context, Set, boolean)} where the fields in {@code listFields} hold arrays of strings. */
    static Body read(Context ctx, Set<String> allowed, Set<String> listFields, boolean optional) {
        return read(ctx, allowed, listFields, optional, Map.of(), Map.of());
    }

    /**
     * {@link #read(Context, Set, Set, boolean)} where the fields of {@code refused} are known but not taken here:
     * each is named with its own rule (why it cannot be given, what to do instead) instead of "is not a known field";
     * and the fields of {@code required} must be given (else named with their rule, together with the rest).
     */
    static Body read(Context ctx, Set<String> allowed, Set<String> listFields, boolean optional,
                     Map<String, String> refused, Map<String, String> required) {
        return read(ctx, allowed, listFields, Set.of(), optional, refused, required, java.util.Optional.empty());
    }

    /**
     * {@link #read(Context, Set, Set, boolean, Map, Map)} where the fields of {@code rawFields} may hold any JSON value
     * (objects, booleans), kept as they are in {@link Body#raw()} for the caller to judge (JSON null as absent), and
     * where at least one field of {@code oneOf} must be given.
     */
    static Body read(Context ctx, Set<String> allowed, Set<String> listFields, Set<String> rawFields, boolean optional,
                     Map<String, String> refused, Map<String, String> required, java.util.Optional<OneOf> oneOf) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0 && optional) {
            return new Body(Map.of(), Map.of(), Set.of());
        }
        if (!Requests.mediaType(ctx).map(Json.JSON::equals).orElse(false)) {
            throw new HttpProblem(415, "the body must be application/json");
        }
        JsonNode node;
        try {
            node = Json.parse(body);
        } catch (Json.MalformedJsonException malformed) {
            throw HttpProblem.badRequest(malformed.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw HttpProblem.badRequest("the body must be a JSON object");
        }
        List<FieldViolation> violations = new ArrayList<>();
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        Map<String, List<String>> lists = new java.util.LinkedHashMap<>();
        Map<String, JsonNode> raw = new java.util.LinkedHashMap<>();
        Set<String> given = new java.util.LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            given.add(field.getKey());
            if (refused.containsKey(field.getKey())) {
                violations.add(new FieldViolation(field.getKey(), refused.get(field.getKey())));
            } else if (rawFields.contains(field.getKey())) {
                if (!value.isNull()) {
                    raw.put(field.getKey(), value);
                }
            } else if (!allowed.contains(field.getKey()) && !listFields.contains(field.getKey())) {
                violations.add(new FieldViolation(field.getKey(), "is not a known field"));
            } else if (listFields.contains(field.getKey())) {
                list(field.getKey(), value, violations).ifPresent(items -> lists.put(field.getKey(), items));
            } else if (value.isTextual() || value.isNumber()) {
                fields.put(field.getKey(), value.asText());
            } else if (!value.isNull()) {
                violations.add(new FieldViolation(field.getKey(), "must be a string"));
            }
        }
        required.forEach((name, rule) -> {
            if (!given.contains(name)) {
                violations.add(new FieldViolation(name, rule));
            }
        });
        oneOf.filter(any -> any.fields().stream().noneMatch(given::contains))
                .ifPresent(any -> violations.add(new FieldViolation(any.fields().get(0), any.rule())));
        if (!violations.isEmpty()) {
            throw new HttpProblem(400, "the request has invalid fields", violations);
        }
        return new Body(fields, lists, given, raw);
    }

    private static java.util.Optional<List<String>> list(String name, JsonNode value, List<FieldViolation> violations) {
        if (value.isNull()) {
            return java.util.Optional.of(List.of());
        }
        if (!value.isArray()) {
            violations.add(new FieldViolation(name, "must be an array of strings"));
            return java.util.Optional.empty();
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                violations.add(new FieldViolation(name, "must be an array of strings"));
                return java.util.Optional.empty();
            }
            items.add(item.asText());
        }
        return java.util.Optional.of(items);
    }
}
