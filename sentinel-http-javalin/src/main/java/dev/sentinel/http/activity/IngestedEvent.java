package dev.sentinel.http.activity;

import dev.sentinel.core.wire.ActivityJson;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.http.web.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads one ingested event strictly: known fields only, each of the right JSON type. */
final class IngestedEvent {

    private static final Set<String> FIELDS = Set.copyOf(ActivityJson.FIELDS);

    private IngestedEvent() {
    }

    static ActivityEvent parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ValidationException.of("event", "must be a JSON object");
        }
        Violations violations = new Violations();
        List<FieldViolation> unknown = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                unknown.add(new FieldViolation(name, "is not a known field"));
            }
        }
        PassId passId = violations.check(() -> PassId.of(text(node, "pass_id", true)));
        ActivityType type = violations.check(() -> ActivityType.parse(text(node, "type", true)));
        Instant startedAt = violations.check(() -> instant(node));
        String endpoint = violations.check(() -> text(node, "endpoint", true));
        String method = violations.check(() -> text(node, "http_method", true));
        Boolean success = violations.check(() -> bool(node));
        Integer status = violations.check(() -> (int) whole(node, "status_code"));
        Long duration = violations.check(() -> whole(node, "duration_ms"));
        String clientIp = violations.check(() -> text(node, "client_ip", false));
        String userAgent = violations.check(() -> text(node, "user_agent", false));
        String error = violations.check(() -> text(node, "error_message", false));
        String metadata = violations.check(() -> metadata(node));
        unknown.forEach(violation -> violations.add(violation.field(), violation.rule()));
        violations.throwIfAny();
        return new ActivityEvent(passId, type, startedAt, endpoint, method, success, status, duration,
                Optional.ofNullable(clientIp), Optional.ofNullable(userAgent), Optional.ofNullable(error), metadata);
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ValidationException.of(field, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw ValidationException.of(field, "must be a string");
        }
        return value.asText();
    }

    private static Instant instant(JsonNode node) {
        String text = text(node, "started_at", true);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException malformed) {
            throw ValidationException.of("started_at", "must be an ISO-8601 UTC instant such as 2026-11-26T10:00:00Z");
        }
    }

    private static boolean bool(JsonNode node) {
        JsonNode value = node.get("success");
        if (value == null || value.isNull()) {
            throw ValidationException.of("success", "is required");
        }
        if (!value.isBoolean()) {
            throw ValidationException.of("success", "must be true or false");
        }
        return value.booleanValue();
    }

    private static long whole(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ValidationException.of(field, "is required");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ValidationException.of(field, "must be a whole number");
        }
        long number = value.longValue();
        if (field.equals("status_code") && (number < 100 || number > 599)) {
            throw ValidationException.of(field, "must be between 100 and 599");
        }
        return number;
    }

    private static String metadata(JsonNode node) {
        JsonNode value = node.get("metadata");
        if (value == null || value.isNull()) {
            return "{}";
        }
        if (!value.isObject()) {
            throw ValidationException.of("metadata", "must be a JSON object");
        }
        return new String(Json.bytes(value), StandardCharsets.UTF_8);
    }
}
