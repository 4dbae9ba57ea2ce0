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
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Records the attempts at the OAuth endpoints as activity events of the pass concerned: grants as
 * {@code token_generation}, refusals as {@code error}. Failed client authentications go to their own sink (the server
 * aggregates them, so a flood stays a few events a minute), through {@code evidence}: a failure hands the same small
 * task to it whether the client id was known or not, and only that task, off the request's thread on a server,
 * builds the event of a known pass. Thread-safe.
 */
final class Attempts {

    private final ActivityRecorder recorder;
    private final ActivityRecorder failures;
    private final Executor evidence;

    Attempts(ActivityRecorder recorder, ActivityRecorder failures, Executor evidence) {
        this.recorder = recorder;
        this.failures = failures;
        this.evidence = evidence;
    }

    /**
     * One failed client authentication, {@code reason} its precise cause; recorded when the client id is a pass's
     * ({@code passId}).
     */
    void failed(RequestOrigin origin, Optional<PassId> passId, Instant startedAt, String reason,
                Map<String, String> metadata) {
        long durationMs = elapsedMillis(origin);
        evidence.execute(() -> passId.ifPresent(id -> failures.record(event(origin, id, startedAt, durationMs, 401,
                Optional.of(reason), metadata))));
    }

    /** One attempt; {@code error} is the precise reason of a refusal, empty for a success. */
    void record(RequestOrigin origin, PassId passId, Instant startedAt, int status, Optional<String> error,
                Map<String, String> metadata) {
        recorder.record(event(origin, passId, startedAt, elapsedMillis(origin), status, error, metadata));
    }

    private static long elapsedMillis(RequestOrigin origin) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - origin.startNanos());
    }

    private static ActivityEvent event(RequestOrigin origin, PassId passId, Instant startedAt, long durationMs,
                                       int status, Optional<String> error, Map<String, String> metadata) {
        boolean success = error.isEmpty();
        return new ActivityEvent(passId, success ? ActivityType.TOKEN_GENERATION : ActivityType.ERROR, startedAt,
                origin.endpoint(), "POST", success, status, Math.max(0, durationMs), origin.clientAddress(),
                origin.userAgent(), error, new String(JoseJson.write(metadata), StandardCharsets.UTF_8));
    }
}
