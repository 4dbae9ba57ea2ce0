package dev.sentinel.core.wire;

import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.jose.JoseJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Activity events in their JSON shape (docs/activity.md), with every field, snake_case: what the API returns, the CLI
 * prints and a remote guard posts. {@code metadata} is the stored JSON object as plain values (maps, lists, strings,
 * numbers, booleans, null); stored text that no longer parses is shown as an empty object.
 */
public final class ActivityJson {

    /** The fields of an event, in the order JSON objects and CSV columns show them. */
    public static final List<String> FIELDS = List.of("pass_id", "type", "started_at", "endpoint", "http_method",
            "success", "status_code", "duration_ms", "client_ip", "user_agent", "error_message", "metadata",
            "reported_by");
    /** Who reported an ingested event; the server sets it, null for the server's own evidence. */
    public static final String REPORTED_BY = "reported_by";

    private ActivityJson() {
    }

    public static Map<String, Object> event(ActivityEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pass_id", event.passId().value());
        json.put("type", event.type().code());
        json.put("started_at", Timestamps.format(event.startedAt()));
        json.put("endpoint", event.endpoint());
        json.put("http_method", event.httpMethod());
        json.put("success", event.success());
        json.put("status_code", event.statusCode());
        json.put("duration_ms", event.durationMs());
        json.put("client_ip", event.clientIp().orElse(null));
        json.put("user_agent", event.userAgent().orElse(null));
        json.put("error_message", event.errorMessage().orElse(null));
        json.put("metadata", metadata(event));
        json.put(REPORTED_BY, event.reportedBy().orElse(null));
        return json;
    }

    /**
     * One page of the activity log: {@code items}, {@code page}, {@code per_page}, {@code total}, {@code total_pages}
     * and {@code total_is_estimate} (true when an endpoint filter over a very large range made the store estimate).
     */
    public static Map<String, Object> page(Page<ActivityEvent> page) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", page.items().stream().map(ActivityJson::event).toList());
        json.put("page", page.page());
        json.put("per_page", page.perPage());
        json.put("total", page.total());
        json.put("total_pages", page.totalPages());
        json.put("total_is_estimate", page.totalIsEstimate());
        return json;
    }

    /** The stored metadata as values; text that does not parse as a JSON object is shown as an empty one. */
    static Map<String, Object> metadata(ActivityEvent event) {
        try {
            return JoseJson.readData(event.metadataJson());
        } catch (IllegalArgumentException unreadable) {
            return Map.of();
        }
    }
}
