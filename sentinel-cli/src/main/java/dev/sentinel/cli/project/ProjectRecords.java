package dev.sentinel.cli.project;

import dev.sentinel.core.application.access.MembershipService;
import dev.sentinel.core.domain.Project;
import dev.sentinel.core.wire.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of project records and members, with the field names of the management API. */
final class ProjectRecords {

    private ProjectRecords() {
    }

    static Map<String, Object> json(Project project) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", project.name().value());
        fields.put("display_name", project.displayName().orElse(null));
        fields.put("created_at", Timestamps.format(project.createdAt()));
        return fields;
    }

    static List<Map<String, Object>> members(List<MembershipService.Member> members) {
        return members.stream().map(member -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("email", member.account().email().value());
            fields.put("display_name", member.account().displayName());
            fields.put("role", member.membership().role().code());
            fields.put("since", Timestamps.format(member.membership().since()));
            return fields;
        }).toList();
    }
}
