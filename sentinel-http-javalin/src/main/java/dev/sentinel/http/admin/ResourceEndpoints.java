package dev.sentinel.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.application.resource.ResourceDraft;
import dev.sentinel.core.application.resource.ResourceService;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.resource.RegisteredResource;
import dev.sentinel.core.domain.resource.ResourceId;
import dev.sentinel.core.domain.resource.ResourceNotFoundException;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.wire.ResourceJson;
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
 * A project's registered resources: {@code GET/POST /api/v1/projects/{project}/resources} and
 * {@code GET/PATCH/DELETE /api/v1/resources/{id}}. The project's viewers read, its admins (and owners) change; a
 * resource outside the caller's projects is answered 404. The use case decides; this reads the JSON strictly (strings,
 * and an array of scope objects for {@code scopes}) and writes it.
 */
final class ResourceEndpoints {

    private static final Map<String, String> READ_ONLY = Map.of("id", "cannot be changed: the server sets it",
            "project", "cannot be changed: register the resource in the other project and delete this one",
            "created_at", "cannot be changed: the server sets it");

    private final ResourceService resources;

    ResourceEndpoints(ResourceService resources) {
        this.resources = resources;
    }

    void list(Context ctx) {
        List<Map<String, Object>> items = resources.list(Callers.of(ctx), ProjectId.of(ctx.pathParam("project")))
                .stream().map(ResourceJson::resource).toList();
        Json.reply(ctx, 200, Map.of("items", items, "total", items.size()));
    }

    void create(Context ctx) {
        List<FieldViolation> unreadable = new ArrayList<>();
        ResourceDraft draft = draft(body(ctx, Map.of(), unreadable));
        RegisteredResource created = resources.create(Callers.of(ctx), ProjectId.of(ctx.pathParam("project")), draft,
                unreadable);
        ctx.header("Location", "/api/v1/resources/" + created.id().value());
        Json.reply(ctx, 201, ResourceJson.resource(created));
    }

    void get(Context ctx) {
        Json.reply(ctx, 200, ResourceJson.resource(resources.get(Callers.of(ctx), id(ctx))));
    }

    /** Changes the fields given; {@code scopes} is replaced as a whole ({@code null} or {@code []}: none). */
    void patch(Context ctx) {
        Principal caller = Callers.of(ctx);
        ResourceId id = id(ctx);
        List<FieldViolation> unreadable = new ArrayList<>();
        Map<String, Object> body = body(ctx, READ_ONLY, unreadable);
        ResourceDraft before = ResourceDraft.of(resources.get(caller, id));
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put(ResourceDraft.RESOURCE, before.resource());
        merged.put(ResourceDraft.NAME, before.name());
        merged.put(ResourceDraft.SCOPES, before.scopes());
        merged.putAll(body);
        Json.reply(ctx, 200, ResourceJson.resource(resources.change(caller, id, draft(merged), unreadable)));
    }

    void delete(Context ctx) {
        resources.delete(Callers.of(ctx), id(ctx));
        ctx.status(204);
    }

    private static ResourceId id(Context ctx) {
        String raw = ctx.pathParam("id");
        if (!ResourceId.isWellFormed(raw)) {
            throw new ResourceNotFoundException(raw);
        }
        return new ResourceId(raw);
    }

    @SuppressWarnings("unchecked")
    private static ResourceDraft draft(Map<String, Object> fields) {
        return new ResourceDraft((String) fields.get(ResourceDraft.RESOURCE), (String) fields.get(ResourceDraft.NAME),
                (List<ResourceDraft.Scope>) fields.get(ResourceDraft.SCOPES));
    }

    /**
     * The body's fields: {@code resource} and {@code name} as strings, {@code scopes} as a list of scope drafts;
     * {@code null} kept as a given null. A field that cannot be read (unknown, read-only, of the wrong type) is left
     * out and added to {@code violations}, which the use case reports with the rules the rest of the body breaks.
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
            } else if (!ResourceDraft.FIELDS.contains(name)) {
                violations.add(new FieldViolation(name, "is not a known field"));
            } else if (value.isNull()) {
                fields.put(name, null);
            } else if (name.equals(ResourceDraft.SCOPES)) {
                fields.put(name, scopes(value, violations));
            } else if (value.isTextual()) {
                fields.put(name, value.asText());
            } else {
                violations.add(new FieldViolation(name, "must be a string"));
            }
        }
        return fields;
    }

    private static List<ResourceDraft.Scope> scopes(JsonNode value, List<FieldViolation> violations) {
        if (!value.isArray()) {
            violations.add(new FieldViolation(ResourceDraft.SCOPES, "must be an array of objects such as "
                    + "{\"name\": \"tools:read\", \"description\": \"List the tools\", \"min_role\": \"viewer\"}"));
            return List.of();
        }
        List<ResourceDraft.Scope> scopes = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode scope = value.get(i);
            String field = ResourceDraft.SCOPES + "[" + i + "]";
            if (!scope.isObject()) {
                violations.add(new FieldViolation(field, "must be an object with name, description and min_role"));
                continue;
            }
            boolean valid = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = scope.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (!ResourceDraft.SCOPE_FIELDS.contains(member.getKey())) {
                    violations.add(new FieldViolation(field + "." + member.getKey(), "is not a known field"));
                    valid = false;
                } else if (!member.getValue().isTextual() && !member.getValue().isNull()) {
                    violations.add(new FieldViolation(field + "." + member.getKey(), "must be a string"));
                    valid = false;
                }
            }
            if (valid) {
                scopes.add(new ResourceDraft.Scope(text(scope, "name"), text(scope, "description"),
                        text(scope, "min_role")));
            }
        }
        return scopes;
    }

    private static String text(JsonNode object, String member) {
        JsonNode value = object.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }
}
