package dev.sentinel.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.web.Json;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads JSON request bodies strictly: {@code application/json} only (else 415), well-formed (else 400), an object
 * whose fields are all known and hold strings, numbers or null, or for list fields arrays of strings (else 400 naming
 * each field).
 */
final class JsonBodies {

    private JsonBodies() {
    }

    /** A body's text fields (numbers as their text) and list fields; null leaves a field out. */
    record Body(Map<String, String> fields, Map<String, List<String>> lists) {

        String get(String name) {
            return fields.get(name);
        }

        /** The list field's strings; null when absent. */
        List<String> list(String name) {
            return lists.get(name);
        }
    }

    /** The body's fields as text (numbers as their text, null as absent); an empty body is an empty object. */
    static Map<String, String> read(Context ctx, Set<String> allowed, boolean optional) {
        return read(ctx, allowed, Set.of(), optional).fields();
    }

    /** As {@link #read(Context, Set, boolean)}, where the fields in {@code listFields} hold arrays of strings. */
    static Body read(Context ctx, Set<String> allowed, Set<String> listFields, boolean optional) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0 && optional) {
            return new Body(Map.of(), Map.of());
        }
        if (!Requests.mediaType(ctx).map(Json.JSON::equals).orElse(false)) {
            throw new HttpProblem(415, "the body must be application/json");
        }
        JsonNode node;
        try {
            node = Json.parse(body);
        } catch (IOException malformed) {
            throw HttpProblem.badRequest("the body is not well-formed JSON");
        }
        if (node == null || !node.isObject()) {
            throw HttpProblem.badRequest("the body must be a JSON object");
        }
        List<FieldViolation> violations = new ArrayList<>();
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        Map<String, List<String>> lists = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (!allowed.contains(field.getKey()) && !listFields.contains(field.getKey())) {
                violations.add(new FieldViolation(field.getKey(), "is not a known field"));
            } else if (listFields.contains(field.getKey())) {
                readList(field.getKey(), value, lists, violations);
            } else if (value.isTextual() || value.isNumber()) {
                fields.put(field.getKey(), value.asText());
            } else if (!value.isNull()) {
                violations.add(new FieldViolation(field.getKey(), "must be a string"));
            }
        }
        if (!violations.isEmpty()) {
            throw new HttpProblem(400, "the request has invalid fields", violations);
        }
        return new Body(fields, lists);
    }

    private static void readList(String name, JsonNode value, Map<String, List<String>> lists,
                                 List<FieldViolation> violations) {
        if (value.isNull()) {
            return;
        }
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    violations.add(new FieldViolation(name, "must be an array of strings"));
                    return;
                }
                items.add(item.asText());
            }
            lists.put(name, items);
        } else {
            violations.add(new FieldViolation(name, "must be an array of strings"));
        }
    }
}
