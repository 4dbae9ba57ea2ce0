package dev.sentinel.core.domain.activity;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.Violations;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded request or attempt of a pass. {@code metadataJson} is a JSON object in text form ({@code {}} when
 * there is none); core stores it as given, adapters that read JSON check it. {@code attempts} is 1 for a single
 * request; an event that stands for several identical failed attempts (failed client authentications aggregated
 * under a flood) carries their number, and rollups count each of them as a request. {@code reportedBy} names who
 * reported an ingested event (an access key's name, {@code ingest-token}, {@code admin-api}, an account's email); it is
 * empty for the server's own evidence, which no one reported.
 */
public record ActivityEvent(PassId passId, ActivityType type, Instant startedAt, String endpoint, String httpMethod,
                            boolean success, int statusCode, long durationMs, Optional<String> clientIp,
                            Optional<String> userAgent, Optional<String> errorMessage, String metadataJson,
                            int attempts, Optional<String> reportedBy) {

    public static final int ENDPOINT_MAX_LENGTH = 2048;
    public static final int USER_AGENT_MAX_LENGTH = 512;
    public static final int ERROR_MAX_LENGTH = 2000;
    public static final int METADATA_MAX_LENGTH = 8192;
    public static final int CLIENT_IP_MAX_LENGTH = 64;
    public static final long MAX_DURATION_MS = 86_400_000L;

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
        Objects.requireNonNull(reportedBy, "reportedBy");
        // plain checks first: this runs for every recorded request, and only a broken event builds the violations
        if (!endpointOk(endpoint) || !isHttpMethod(httpMethod) || !statusOk(statusCode) || !durationOk(durationMs)
                || clientIp.isPresent() && !clientIpOk(clientIp.get())
                || userAgent.isPresent() && !userAgentOk(userAgent.get())
                || errorMessage.isPresent() && !errorOk(errorMessage.get()) || !metadataOk(metadataJson)
                || !(attempts >= 1 && (attempts == 1 || !success))) {
            Violations violations = new Violations();
            checkFields(violations, endpoint, httpMethod, (long) statusCode, durationMs, clientIp.orElse(null),
                    userAgent.orElse(null), errorMessage.orElse(null), metadataJson);
            if (!(attempts >= 1 && (attempts == 1 || !success))) {
                violations.add("attempts", "must be 1, or more for a failure only");
            }
            violations.throwIfAny();
        }
    }

    /**
     * Adds a violation for every rule of an event's fields that the given values break, named as the JSON fields are
     * ({@code status_code}, …); a null value is not checked (its reader has already named it). The constructor applies
     * the same rules, so an adapter that reads raw input can report every broken rule of every field at once.
     */
    public static void checkFields(Violations violations, String endpoint, String httpMethod, Long statusCode,
                                   Long durationMs, String clientIp, String userAgent, String errorMessage,
                                   String metadataJson) {
        if (endpoint != null && !endpointOk(endpoint)) {
            violations.add("endpoint", "must be 1-" + ENDPOINT_MAX_LENGTH + " characters");
        }
        if (httpMethod != null && !isHttpMethod(httpMethod)) {
            violations.add("http_method", "must be an upper-case HTTP method such as GET");
        }
        if (statusCode != null && !statusOk(statusCode)) {
            violations.add("status_code", "must be between 100 and 599");
        }
        if (durationMs != null && !durationOk(durationMs)) {
            violations.add("duration_ms", "must be between 0 and " + MAX_DURATION_MS);
        }
        if (clientIp != null && !clientIpOk(clientIp)) {
            violations.add("client_ip", "must be at most " + CLIENT_IP_MAX_LENGTH + " characters");
        }
        if (userAgent != null && !userAgentOk(userAgent)) {
            violations.add("user_agent", "must be at most " + USER_AGENT_MAX_LENGTH + " characters");
        }
        if (errorMessage != null && !errorOk(errorMessage)) {
            violations.add("error_message", "must be at most " + ERROR_MAX_LENGTH + " characters");
        }
        if (metadataJson != null && !metadataOk(metadataJson)) {
            violations.add("metadata", "must be a JSON object of at most " + METADATA_MAX_LENGTH + " characters");
        }
    }

    private static boolean endpointOk(String endpoint) {
        return !endpoint.isEmpty() && endpoint.length() <= ENDPOINT_MAX_LENGTH;
    }

    private static boolean statusOk(long statusCode) {
        return statusCode >= 100 && statusCode <= 599;
    }

    private static boolean durationOk(long durationMs) {
        return durationMs >= 0 && durationMs <= MAX_DURATION_MS;
    }

    private static boolean clientIpOk(String clientIp) {
        return clientIp.length() <= CLIENT_IP_MAX_LENGTH;
    }

    private static boolean userAgentOk(String userAgent) {
        return userAgent.length() <= USER_AGENT_MAX_LENGTH;
    }

    private static boolean errorOk(String errorMessage) {
        return errorMessage.length() <= ERROR_MAX_LENGTH;
    }

    private static boolean metadataOk(String metadataJson) {
        return metadataJson.startsWith("{") && metadataJson.endsWith("}") && metadataJson.length() <= METADATA_MAX_LENGTH;
    }

    /** The server's own evidence (reported by no one), standing for {@code attempts} attempts. */
    public ActivityEvent(PassId passId, ActivityType type, Instant startedAt, String endpoint, String httpMethod,
                         boolean success, int statusCode, long durationMs, Optional<String> clientIp,
                         Optional<String> userAgent, Optional<String> errorMessage, String metadataJson, int attempts) {
        this(passId, type, startedAt, endpoint, httpMethod, success, statusCode, durationMs, clientIp, userAgent,
                errorMessage, metadataJson, attempts, Optional.empty());
    }

    /** The same event, reported by {@code reporter} (the audit name of the principal that ingested it). */
    public ActivityEvent reportedBy(String reporter) {
        return new ActivityEvent(passId, type, startedAt, endpoint, httpMethod, success, statusCode, durationMs, clientIp,
                userAgent, errorMessage, metadataJson, attempts, Optional.of(reporter));
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
}
