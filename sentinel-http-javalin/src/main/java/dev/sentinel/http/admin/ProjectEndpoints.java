package dev.sentinel.http.admin;

import dev.sentinel.core.application.PassService;
import dev.sentinel.core.wire.ProjectJson;
import dev.sentinel.http.web.Json;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/projects}: the projects that hold passes, so a client never has to guess a project's name. */
final class ProjectEndpoints {

    private final PassService passes;

    ProjectEndpoints(PassService passes) {
        this.passes = passes;
    }

    void list(Context ctx) {
        List<Map<String, Object>> items = ProjectJson.projects(passes.projects());
        Json.reply(ctx, 200, Map.of("items", items, "total", items.size()));
    }
}
