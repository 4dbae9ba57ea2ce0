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
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one ingested event strictly: known fields only, each of the right JSON type and within its rule; every broken
 * rule of every field is named. What could be read of a broken event (its pass and start) is kept, so that the rules
 * core checks against the store and the clock can be reported with the others.
 */
final class IngestedEvent {

    private static final Set<String> FIELDS = ActivityJson.FIELDS.stream()
            .filter(field -> !field.equals(ActivityJson.REPORTED_BY)).collect(java.util.stream.Collectors.toSet());

    /** One read event: the event when every rule held, else the violations; pass and start whenever they were read. */
    record Reading(Optional<ActivityEvent> event, Optional<PassId> passId, Optional<Instant> startedAt,
                   List<FieldViolation> violations) {
    }

    static final String CLIENT_IP = "client_ip";
    /** The rule of {@code client_ip}: a refusal of the event's content (422), not of its shape. */
    static final String CLIENT_IP_RULE = "must be an IP address (IPv4 such as 203.0.113.7, or IPv6 such as 2001:db8::7)";

    private IngestedEvent() {
    }

    /** Whether {@code text} is an IPv4 or IPv6 literal (never looked up in DNS). */
    static boolean isIpAddress(String text) {
        return com.google.common.net.InetAddresses.isInetAddress(text);
    }

    static Reading read(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new Reading(Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(new FieldViolation("event", "must be a JSON object")));
        }
        Violations violations = new Violations();
        PassId passId = violations.check(() -> PassId.of(text(node, "pass_id", true)));
        ActivityType type = violations.check(() -> ActivityType.parse(text(node, "type", true)));
        Instant startedAt = violations.check(() -> instant(node));
        String endpoint = violations.check(() -> text(node, "endpoint", true));
        String method = violations.check(() -> text(node, "http_method", true));
        Boolean success = violations.check(() -> bool(node));
        Long status = violations.check(() -> whole(node, "status_code"));
        Long duration = violations.check(() -> whole(node, "duration_ms"));
        String clientIp = violations.check(() -> text(node, "client_ip", false));
        String userAgent = violations.check(() -> text(node, "user_agent", false));
        String error = violations.check(() -> text(node, "error_message", false));
        String metadata = violations.check(() -> metadata(node));
        ActivityEvent.checkFields(violations, endpoint, method, status, duration, clientIp, userAgent, error, metadata);
        if (clientIp != null && clientIp.length() <= ActivityEvent.CLIENT_IP_MAX_LENGTH && !isIpAddress(clientIp)) {
            violations.add(CLIENT_IP, CLIENT_IP_RULE);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equals(ActivityJson.REPORTED_BY)) {
                // null is what a guard sends when it posts events in their JSON shape; any value is a claim
                if (!node.get(name).isNull()) {
                    violations.add(name, "is set by the server (the name of the key that reports the event); send "
                            + "null or leave it out");
                }
            } else if (!FIELDS.contains(name)) {
                violations.add(name, "is not a known field");
            }
        }
        Optional<PassId> readPass = Optional.ofNullable(passId);
        Optional<Instant> readStart = Optional.ofNullable(startedAt);
        if (!violations.isEmpty()) {
            return new Reading(Optional.empty(), readPass, readStart, violations.list());
        }
        ActivityEvent event = new ActivityEvent(passId, type, startedAt, endpoint, method, success, status.intValue(),
                duration, Optional.ofNullable(clientIp), Optional.ofNullable(userAgent), Optional.ofNullable(error),
                metadata);
        return new Reading(Optional.of(event), readPass, readStart, List.of());
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
        return value.longValue();
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
