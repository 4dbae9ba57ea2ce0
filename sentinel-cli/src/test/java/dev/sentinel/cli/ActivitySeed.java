package dev.sentinel.cli;

import dev.sentinel.core.application.StoringActivityRecorder;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Activity for CLI tests, stored with its rollups the way a server stores it:
 * {@code ActivitySeed.record(dataDir, List.of(anEvent(passId).at(t).failed(500).build()))}.
 */
public final class ActivitySeed {

    private ActivitySeed() {
    }

    /** Stores the events and their hourly rollups in the data directory's database. */
    public static void record(Path dataDir, List<ActivityEvent> events) {
        try (JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(dataDir))) {
            new StoringActivityRecorder(storage).recordAll(events);
        }
    }

    /** A successful {@code GET /v1/orders} API request of 42 ms from 203.0.113.7; change what the test needs. */
    public static Builder anEvent(String passId) {
        return new Builder(new PassId(passId));
    }

    /** Sets fields one by one; unset fields keep the defaults. */
    public static final class Builder {
        private final PassId passId;
        private ActivityType type = ActivityType.API_REQUEST;
        private Instant startedAt = Instant.parse("2026-11-26T10:00:00Z");
        private String endpoint = "/v1/orders";
        private String method = "GET";
        private boolean success = true;
        private int statusCode = 200;
        private long durationMs = 42;
        private Optional<String> userAgent = Optional.of("agent/1.0");
        private String clientIp = "203.0.113.7";
        private Optional<String> errorMessage = Optional.empty();
        private String metadata = "{}";

        private Builder(PassId passId) {
            this.passId = passId;
        }

        public Builder ofType(ActivityType value) {
            type = value;
            return this;
        }

        public Builder at(Instant value) {
            startedAt = value;
            return this;
        }

        public Builder withEndpoint(String value) {
            endpoint = value;
            return this;
        }

        public Builder withMethod(String value) {
            method = value;
            return this;
        }

        public Builder withDurationMs(long value) {
            durationMs = value;
            return this;
        }

        public Builder withUserAgent(String value) {
            userAgent = Optional.of(value);
            return this;
        }

        public Builder from(String address) {
            clientIp = address;
            return this;
        }

        public Builder withMetadata(String json) {
            metadata = json;
            return this;
        }

        /** A failed attempt with the status code and an error message. */
        public Builder failed(int status, String message) {
            success = false;
            statusCode = status;
            errorMessage = Optional.of(message);
            return this;
        }

        public ActivityEvent build() {
            return new ActivityEvent(passId, type, startedAt, endpoint, method, success, statusCode, durationMs,
                    Optional.of(clientIp), userAgent, errorMessage, metadata);
        }
    }
}
