package dev.sentinel.http.oauth;

import dev.sentinel.core.application.recording.FailedAttempts;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.port.in.ActivityRecorder;
import dev.sentinel.http.web.Json;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Records authentication attempts at the OAuth endpoints as activity events of the pass concerned. Failed client
 * authentications go through {@link FailedAttempts}, so a flood of them stays a few events a minute.
 */
final class Attempts {

    private final ActivityRecorder recorder;
    private final FailedAttempts failures;

    Attempts(ActivityRecorder recorder, FailedAttempts failures) {
        this.recorder = recorder;
        this.failures = failures;
    }

    /** One failed client authentication of a known pass, {@code reason} its precise cause. */
    void failed(Context ctx, PassId passId, Instant startedAt, long startNanos, String reason, Map<String, String> metadata) {
        failures.record(event(ctx, passId, startedAt, startNanos, 401, Optional.of(reason), metadata));
    }

    /** One attempt, timed from {@code startNanos}; {@code error} is the precise reason of a failure. */
    void record(Context ctx, PassId passId, Instant startedAt, long startNanos, int status, Optional<String> error,
                Map<String, String> metadata) {
        recorder.record(event(ctx, passId, startedAt, startNanos, status, error, metadata));
    }

    private static ActivityEvent event(Context ctx, PassId passId, Instant startedAt, long startNanos, int status,
                                       Optional<String> error, Map<String, String> metadata) {
        boolean success = error.isEmpty();
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        return new ActivityEvent(passId, success ? ActivityType.TOKEN_GENERATION : ActivityType.ERROR,
                startedAt, ctx.path(), "POST", success, status, durationMs, Requests.clientIp(ctx),
                Requests.userAgent(ctx), error, new String(Json.bytes(metadata), StandardCharsets.UTF_8));
    }
}
