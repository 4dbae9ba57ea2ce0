package dev.sentinel.http.admin;

import dev.sentinel.core.application.access.AccessAction;
import dev.sentinel.core.application.access.AccessKeyService;
import dev.sentinel.core.application.access.CreatedAccessKey;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.AccessKey;
import dev.sentinel.core.domain.access.AccessKeyId;
import dev.sentinel.core.port.in.CreateAccessKeyCommand;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.wire.Timestamps;
import dev.sentinel.http.access.Access;
import dev.sentinel.http.web.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Access keys for automation (owners only): {@code POST /api/v1/access-keys} returns the key once, in {@code key};
 * {@code GET} lists them without it; {@code DELETE /api/v1/access-keys/{id}} revokes one. Audited with the caller.
 */
final class AccessKeyEndpoints {

    static final Set<String> CREATE_FIELDS = Set.of(CreateAccessKeyCommand.NAME_FIELD,
            CreateAccessKeyCommand.ROLE_FIELD, CreateAccessKeyCommand.EXPIRES_FIELD);
    static final Set<String> CREATE_LISTS = Set.of(CreateAccessKeyCommand.PROJECTS_FIELD);

    private final AccessKeyService keys;

    AccessKeyEndpoints(AccessKeyService keys) {
        this.keys = keys;
    }

    void create(Context ctx) {
        Principal caller = Access.serverWide(ctx, AccessAction.MANAGE_ACCESS_KEYS);
        JsonBodies.Body body = JsonBodies.read(ctx, CREATE_FIELDS, CREATE_LISTS, false);
        CreatedAccessKey created = keys.as(caller.actor()).create(new CreateAccessKeyCommand(
                body.texts().get(CreateAccessKeyCommand.NAME_FIELD), body.texts().get(CreateAccessKeyCommand.ROLE_FIELD),
                body.lists().get(CreateAccessKeyCommand.PROJECTS_FIELD),
                body.texts().get(CreateAccessKeyCommand.EXPIRES_FIELD)));
        Map<String, Object> reply = key(created.key());
        reply.put("key", created.secret());
        ctx.header("Cache-Control", "no-store");
        ctx.header("Location", "/api/v1/access-keys/" + created.key().id().value());
        Json.reply(ctx, 201, reply);
    }

    void list(Context ctx) {
        Access.serverWide(ctx, AccessAction.MANAGE_ACCESS_KEYS);
        List<Map<String, Object>> items = keys.list().stream().map(AccessKeyEndpoints::key).toList();
        Json.reply(ctx, 200, Map.of("items", items, "total", items.size()));
    }

    void revoke(Context ctx) {
        Principal caller = Access.serverWide(ctx, AccessAction.MANAGE_ACCESS_KEYS);
        keys.as(caller.actor()).revoke(new AccessKeyId(ctx.pathParam("id")));
        ctx.status(204);
    }

    /** A key as listed: never the key itself (only its hash is stored). */
    private static Map<String, Object> key(AccessKey key) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", key.id().value());
        json.put("name", key.name());
        json.put("role", key.role().code());
        json.put("projects", key.projects().stream().map(ProjectId::value).sorted().toList());
        json.put("created_at", Timestamps.format(key.createdAt()));
        json.put("created_by", key.createdBy());
        json.put("expires_at", Timestamps.formatOrNull(key.expiresAt()));
        json.put("last_used_at", Timestamps.formatOrNull(key.lastUsedAt()));
        return json;
    }
}
