package dev.sentinel.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.application.federation.TrustPolicyDraft;
import dev.sentinel.core.application.federation.TrustPolicyService;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.federation.TrustPolicy;
import dev.sentinel.core.domain.federation.TrustPolicyId;
import dev.sentinel.core.domain.federation.TrustPolicyKeys;
import dev.sentinel.core.domain.federation.TrustPolicyNotFoundException;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.wire.Timestamps;
import dev.sentinel.http.access.Callers;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.web.Json;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's trust policies: {@code GET/POST /api/v1/projects/{project}/trust-policies} and
 * {@code GET/PATCH/DELETE /api/v1/trust-policies/{id}}. The project's viewers read, its admins (and owners) change;
 * a policy outside the caller's projects is answered 404. The use case decides; this reads the JSON strictly (strings,
 * and objects for {@code jwks} and {@code conditions}) and writes it.
 */
final class TrustPolicyEndpoints {

    private static final Map<String, String> READ_ONLY = Map.of("id", "cannot be changed: the server sets it",
            "project", "cannot be changed: create the policy in the other project and delete this one",
            "created_at", "cannot be changed: the server sets it");

    private final TrustPolicyService policies;

    TrustPolicyEndpoints(TrustPolicyService policies) {
        this.policies = policies;
    }

    void list(Context ctx) {
        List<Map<String, Object>> items = policies.list(Callers.of(ctx), ProjectId.of(ctx.pathParam("project")))
                .stream().map(TrustPolicyEndpoints::json).toList();
        Json.reply(ctx, 200, Map.of("items", items, "total", items.size()));
    }

    void create(Context ctx) {
        List<FieldViolation> unreadable = new ArrayList<>();
        Map<String, Object> body = body(ctx, Map.of(), unreadable);
        TrustPolicy created = policies.create(Callers.of(ctx), ProjectId.of(ctx.pathParam("project")),
                draft(body), unreadable);
        ctx.header("Location", "/api/v1/trust-policies/" + created.id().value());
        Json.reply(ctx, 201, json(created));
    }

    void get(Context ctx) {
        Json.reply(ctx, 200, json(policies.get(Callers.of(ctx), id(ctx))));
    }

    /** Changes the fields given; {@code null} clears an optional one ({@code audience}: back to the default). */
    void patch(Context ctx) {
        Principal caller = Callers.of(ctx);
        TrustPolicyId id = id(ctx);
        List<FieldViolation> unreadable = new ArrayList<>();
        Map<String, Object> body = body(ctx, READ_ONLY, unreadable);
        TrustPolicyDraft before = TrustPolicyDraft.of(policies.get(caller, id));
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put(TrustPolicyDraft.ISSUER, before.issuer());
        merged.put(TrustPolicyDraft.JWKS_URI, before.jwksUri());
        merged.put(TrustPolicyDraft.JWKS, before.jwks());
        merged.put(TrustPolicyDraft.AUDIENCE, before.audience());
        merged.put(TrustPolicyDraft.CONDITIONS, before.conditions());
        merged.put(TrustPolicyDraft.MAX_TOKEN_AGE, before.maxTokenAge());
        merged.put(TrustPolicyDraft.PASS_ID, before.passId());
        merged.put(TrustPolicyDraft.DESCRIPTION, before.description());
        if (body.containsKey(TrustPolicyDraft.JWKS) && !body.containsKey(TrustPolicyDraft.JWKS_URI)) {
            merged.put(TrustPolicyDraft.JWKS_URI, null);
        }
        if (body.containsKey(TrustPolicyDraft.JWKS_URI) && !body.containsKey(TrustPolicyDraft.JWKS)) {
            merged.put(TrustPolicyDraft.JWKS, null);
        }
        merged.putAll(body);
        Json.reply(ctx, 200, json(policies.change(caller, id, draft(merged), unreadable)));
    }

    void delete(Context ctx) {
        policies.delete(Callers.of(ctx), id(ctx));
        ctx.status(204);
    }

    private static TrustPolicyId id(Context ctx) {
        String raw = ctx.pathParam("id");
        if (!TrustPolicyId.isWellFormed(raw)) {
            throw new TrustPolicyNotFoundException(raw);
        }
        return new TrustPolicyId(raw);
    }

    @SuppressWarnings("unchecked")
    private static TrustPolicyDraft draft(Map<String, Object> fields) {
        return new TrustPolicyDraft((String) fields.get(TrustPolicyDraft.ISSUER),
                (String) fields.get(TrustPolicyDraft.JWKS_URI), (String) fields.get(TrustPolicyDraft.JWKS),
                (String) fields.get(TrustPolicyDraft.AUDIENCE),
                (Map<String, String>) fields.get(TrustPolicyDraft.CONDITIONS),
                (String) fields.get(TrustPolicyDraft.MAX_TOKEN_AGE), (String) fields.get(TrustPolicyDraft.PASS_ID),
                (String) fields.get(TrustPolicyDraft.DESCRIPTION));
    }

    /**
     * The body's fields: text fields as strings (numbers as their text), {@code jwks} as its JSON text,
     * {@code conditions} as a map of strings; {@code null} kept as a given null. A field that cannot be read (unknown,
     * read-only, of the wrong type) is left out and added to {@code violations}, which the use case reports with the
     * rules the rest of the body breaks.
     */
    private static Map<String, Object> body(Context ctx, Map<String, String> refused, List<FieldViolation> violations) {
        if (!Requests.mediaType(ctx).map(Json.JSON::equals).orElse(false)) {
            throw new HttpProblem(415, "the body must be application/json");
        }
        JsonNode node;
        try {
            node = Json.parse(ctx.bodyAsBytes());
        } catch (Json.MalformedJsonException malformed) {
            throw HttpProblem.badRequest(malformed.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw HttpProblem.badRequest("the body must be a JSON object");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (refused.containsKey(name)) {
                violations.add(new FieldViolation(name, refused.get(name)));
            } else if (!TrustPolicyDraft.FIELDS.contains(name)) {
                violations.add(new FieldViolation(name, "is not a known field"));
            } else if (value.isNull()) {
                fields.put(name, null);
            } else if (name.equals(TrustPolicyDraft.JWKS)) {
                if (value.isObject()) {
                    fields.put(name, new String(Json.bytes(value), java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    violations.add(new FieldViolation(name, "must be a JWK set: a JSON object with a keys array"));
                }
            } else if (name.equals(TrustPolicyDraft.CONDITIONS)) {
                conditions(value, violations).ifPresent(conditions -> fields.put(name, conditions));
            } else if (value.isTextual() || value.isNumber()) {
                fields.put(name, value.asText());
            } else {
                violations.add(new FieldViolation(name, "must be a string"));
            }
        }
        return fields;
    }

    private static java.util.Optional<Map<String, String>> conditions(JsonNode value, List<FieldViolation> violations) {
        if (!value.isObject()) {
            violations.add(new FieldViolation(TrustPolicyDraft.CONDITIONS, "must be an object of JSON Pointer to a "
                    + "value or a * glob, such as {\"/repository\": \"octo-org/app\"}"));
            return java.util.Optional.empty();
        }
        Map<String, String> conditions = new LinkedHashMap<>();
        boolean valid = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> condition = it.next();
            if (!condition.getValue().isTextual()) {
                violations.add(new FieldViolation(TrustPolicyDraft.CONDITIONS + "." + condition.getKey(),
                        "must be a string: a value, or a glob where * stands for any characters"));
                valid = false;
            } else {
                conditions.put(condition.getKey(), condition.getValue().asText());
            }
        }
        return valid ? java.util.Optional.of(conditions) : java.util.Optional.empty();
    }

    /** One policy as the API shows it. */
    static Map<String, Object> json(TrustPolicy policy) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", policy.id().value());
        json.put("project", policy.project().value());
        json.put("issuer", policy.issuer());
        json.put("key_source", policy.keys() instanceof TrustPolicyKeys.JwksUri ? "jwks_uri"
                : policy.keys() instanceof TrustPolicyKeys.StaticJwks ? "jwks" : "discovery");
        json.put("jwks_uri", policy.keys() instanceof TrustPolicyKeys.JwksUri uri ? uri.uri().toString() : null);
        json.put("jwks", policy.keys() instanceof TrustPolicyKeys.StaticJwks set ? rawJson(set.json()) : null);
        json.put("audience", policy.audience());
        Map<String, String> conditions = new LinkedHashMap<>();
        policy.conditions().forEach(condition -> conditions.put(condition.pointer(), condition.pattern()));
        json.put("conditions", conditions);
        json.put("max_token_age", dev.sentinel.core.domain.DurationText.format(policy.maxTokenAge()));
        json.put("pass_id", policy.passId().value());
        json.put("description", policy.description().orElse(null));
        json.put("created_at", Timestamps.format(policy.createdAt()));
        return json;
    }

    private static JsonNode rawJson(String json) {
        try {
            return Json.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (Json.MalformedJsonException impossible) {
            throw new IllegalStateException("a stored JWK set is not JSON", impossible);
        }
    }
}
