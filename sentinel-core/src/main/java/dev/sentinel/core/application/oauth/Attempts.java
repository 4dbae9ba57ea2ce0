package dev.sentinel.core.application.oauth;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.jose.JoseJson;
import dev.sentinel.core.port.in.ActivityRecorder;
import dev.sentinel.core.port.in.RequestOrigin;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Records the attempts at the OAuth endpoints as activity events of the pass concerned: grants as
 * {@code token_generation}, refusals as {@code error}. Failed client authentications go to their own sink (the server
 * aggregates them, so a flood stays a few events a minute). Thread-safe.
 */
final class Attempts {

    private final ActivityRecorder recorder;
    private final ActivityRecorder failures;

    Attempts(ActivityRecorder recorder, ActivityRecorder failures) {
        this.recorder = recorder;
        this.failures = failures;
    }

    /** One failed client authentication of a known pass, {@code reason} its precise cause. */
    void failed(RequestOrigin origin, PassId passId, Instant startedAt, String reason, Map<String, String> metadata) {
        failures.record(event(origin, passId, startedAt, 401, Optional.of(reason), metadata));
    }

    /** One attempt; {@code error} is the precise reason of a refusal, empty for a success. */
    void record(RequestOrigin origin, PassId passId, Instant startedAt, int status, Optional<String> error,
                Map<String, String> metadata) {
        recorder.record(event(origin, passId, startedAt, status, error, metadata));
    }

    private static ActivityEvent event(RequestOrigin origin, PassId passId, Instant startedAt, int status,
                                       Optional<String> error, Map<String, String> metadata) {
        boolean success = error.isEmpty();
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - origin.startNanos());
        return new ActivityEvent(passId, success ? ActivityType.TOKEN_GENERATION : ActivityType.ERROR, startedAt,
                origin.endpoint(), "POST", success, status, Math.max(0, durationMs), origin.clientAddress(),
                origin.userAgent(), error, new String(JoseJson.write(metadata), StandardCharsets.UTF_8));
    }
}
