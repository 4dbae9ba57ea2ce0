package dev.sentinel.core.wire;

import dev.sentinel.core.domain.ProjectSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Projects as {@code GET /api/v1/projects} and {@code sentinel project list --json} show them. */
public final class ProjectJson {

    private ProjectJson() {
    }

    /** One project: {@code name}, {@code passes} (how many) and {@code last_activity} (null when never). */
    public static Map<String, Object> project(ProjectSummary project) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", project.name().value());
        json.put("passes", project.passes());
        json.put("last_activity", Timestamps.formatOrNull(project.lastActivity()));
        return json;
    }

    /** Every project, in order. */
    public static List<Map<String, Object>> projects(List<ProjectSummary> projects) {
        return projects.stream().map(ProjectJson::project).toList();
    }
}
