package dev.sentinel.http.admin;

import dev.sentinel.core.application.AllowedHostService;
import dev.sentinel.core.application.access.AccessAction;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.wire.Timestamps;
import dev.sentinel.http.access.Access;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.web.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hosts the server may fetch keys and metadata from on private addresses (owners only): {@code GET
 * /api/v1/allowed-hosts} lists them; {@code PUT /api/v1/allowed-hosts/{host}} allows one (201 when added, 200 when it
 * was allowed already); {@code DELETE} withdraws it (204, or 404 when it was not allowed). Audited with the caller.
 */
final class AllowedHostEndpoints {

    private final AllowedHostService hosts;

    AllowedHostEndpoints(AllowedHostService hosts) {
        this.hosts = hosts;
    }

    void list(Context ctx) {
        Access.serverWide(ctx, AccessAction.MANAGE_SERVER);
        List<Map<String, Object>> items = hosts.list().stream().map(AllowedHostEndpoints::json).toList();
        Json.reply(ctx, 200, Map.of("items", items, "total", items.size()));
    }

    void put(Context ctx) {
        Principal caller = Access.serverWide(ctx, AccessAction.MANAGE_SERVER);
        AllowedHostService.Added added = hosts.as(caller.actor()).add(ctx.pathParam("host"));
        Json.reply(ctx, added.created() ? 201 : 200, json(added.host()));
    }

    void delete(Context ctx) {
        Principal caller = Access.serverWide(ctx, AccessAction.MANAGE_SERVER);
        String host = ctx.pathParam("host");
        if (!hosts.as(caller.actor()).remove(host)) {
            throw new HttpProblem(404, "the host " + AllowedHostService.normalized(host) + " is not allowed");
        }
        ctx.status(204);
    }

    private static Map<String, Object> json(AllowedHostService.AllowedHost host) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", host.host());
        json.put("added_at", Timestamps.format(host.addedAt()));
        json.put("added_by", host.addedBy());
        return json;
    }
}
