package dev.sentinel.http.admin;

import dev.sentinel.core.application.PassService;
import dev.sentinel.core.domain.ProjectSummary;
import dev.sentinel.http.web.Json;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/projects}: the projects that hold passes, so a client never has to guess a project's name. */
public final class ProjectEndpoints {

    private final PassService passes;

    public ProjectEndpoints(PassService passes) {
        this.passes = passes;
    }

    public void list(Context ctx) {
        List<Map<String, Object>> items = passes.projects().stream().map(ProjectEndpoints::json).toList();
        Json.reply(ctx, 200, Map.of("items", items, "total", items.size()));
    }

    private static Map<String, Object> json(ProjectSummary project) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", project.name().value());
        json.put("passes", project.passes());
        json.put("last_activity", project.lastActivity().map(Instant::toString).orElse(null));
        return json;
    }
}
