package dev.sentinel.core.domain.activity;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ValidationException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded request or attempt of a pass. {@code metadataJson} is a JSON object in text form ({@code {}} when
 * there is none); core stores it as given, adapters that read JSON check it. {@code attempts} is 1 for a single
 * request; an event that stands for several identical failed attempts (failed client authentications aggregated
 * under a flood) carries their number, and rollups count each of them as a request.
 */
public record ActivityEvent(PassId passId, ActivityType type, Instant startedAt, String endpoint, String httpMethod,
                            boolean success, int statusCode, long durationMs, Optional<String> clientIp,
                            Optional<String> userAgent, Optional<String> errorMessage, String metadataJson,
                            int attempts) {

    public static final int ENDPOINT_MAX_LENGTH = 2048;
    public static final int USER_AGENT_MAX_LENGTH = 512;
    public static final int ERROR_MAX_LENGTH = 2000;
    public static final int METADATA_MAX_LENGTH = 8192;
    public static final int CLIENT_IP_MAX_LENGTH = 64;

    public ActivityEvent {
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(httpMethod, "httpMethod");
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(metadataJson, "metadataJson");
        check(!endpoint.isEmpty() && endpoint.length() <= ENDPOINT_MAX_LENGTH, "endpoint",
                "must be 1-" + ENDPOINT_MAX_LENGTH + " characters");
        check(isHttpMethod(httpMethod), "http_method", "must be an upper-case HTTP method such as GET");
        check(statusCode >= 100 && statusCode <= 599, "status_code", "must be between 100 and 599");
        check(durationMs >= 0 && durationMs <= 86_400_000L, "duration_ms", "must be between 0 and 86400000");
        check(clientIp.map(ip -> ip.length() <= CLIENT_IP_MAX_LENGTH).orElse(true), "client_ip",
                "must be at most " + CLIENT_IP_MAX_LENGTH + " characters");
        check(userAgent.map(agent -> agent.length() <= USER_AGENT_MAX_LENGTH).orElse(true), "user_agent",
                "must be at most " + USER_AGENT_MAX_LENGTH + " characters");
        check(errorMessage.map(message -> message.length() <= ERROR_MAX_LENGTH).orElse(true), "error_message",
                "must be at most " + ERROR_MAX_LENGTH + " characters");
        check(metadataJson.startsWith("{") && metadataJson.endsWith("}") && metadataJson.length() <= METADATA_MAX_LENGTH,
                "metadata", "must be a JSON object of at most " + METADATA_MAX_LENGTH + " characters");
        check(attempts >= 1 && (attempts == 1 || !success), "attempts", "must be 1, or more for a failure only");
    }

    /** One request or attempt. */
    public ActivityEvent(PassId passId, ActivityType type, Instant startedAt, String endpoint, String httpMethod,
                         boolean success, int statusCode, long durationMs, Optional<String> clientIp,
                         Optional<String> userAgent, Optional<String> errorMessage, String metadataJson) {
        this(passId, type, startedAt, endpoint, httpMethod, success, statusCode, durationMs, clientIp, userAgent,
                errorMessage, metadataJson, 1);
    }

    /** 1-16 upper-case ASCII letters; a loop, since this runs for every recorded request. */
    private static boolean isHttpMethod(String method) {
        int length = method.length();
        if (length == 0 || length > 16) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = method.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static void check(boolean ok, String field, String rule) {
        if (!ok) {
            throw ValidationException.of(field, rule);
        }
    }
}
