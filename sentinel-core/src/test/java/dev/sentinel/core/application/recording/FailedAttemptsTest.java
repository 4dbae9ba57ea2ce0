package dev.sentinel.core.application.recording;

import static dev.sentinel.core.fixtures.TestEvents.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.domain.activity.HourlyUsage;
import dev.sentinel.core.fixtures.TestIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FailedAttemptsTest {

    private final MutableClock clock = MutableClock.at("2026-11-30T10:00:00Z");
    private final List<ActivityEvent> recorded = new CopyOnWriteArrayList<>();
    private final FailedAttempts failed = new FailedAttempts(recorded::add, clock, Duration.ofMinutes(1));
    private final PassId passId = TestIds.newPassId();

    private ActivityEvent failure(Instant at, String ip, String reason) {
        return anEvent().forPass(passId).ofType(ActivityType.ERROR).at(at).withEndpoint("/oauth/token")
                .withMethod("POST").failed(401, reason).withClientIp(ip).withUserAgent("ua-" + ip).build();
    }

    @Test
    void aFloodLeavesTwoEventsPerPassAndWindowYetCountsEveryAttempt() {
        Instant t0 = clock.instant();
        for (int i = 0; i < 500; i++) {
            failed.record(failure(t0.plusMillis(i * 100L), "203.0.113." + (i % 7), i == 0 ? "malformed_secret: x"
                    : "secret_mismatch: y"));
        }
        assertThat(recorded).hasSize(1); // the first, at once
        assertThat(recorded.get(0).errorMessage()).contains("malformed_secret: x");

        clock.advance(Duration.ofSeconds(59));
        failed.flush();
        assertThat(recorded).hasSize(1); // the window has not ended

        clock.advance(Duration.ofSeconds(1));
        failed.flush();
        assertThat(recorded).hasSize(2);
        ActivityEvent summary = recorded.get(1);
        assertThat(summary.attempts()).isEqualTo(499);
        assertThat(summary.success()).isFalse();
        assertThat(summary.clientIp()).contains("203.0.113." + (499 % 7));
        assertThat(summary.userAgent()).contains("ua-203.0.113." + (499 % 7));
        assertThat(summary.errorMessage().orElseThrow()).startsWith("499 more failed attempts since 2026-11-30T10:00:00Z")
                .endsWith("secret_mismatch: y");
        assertThat(summary.metadataJson()).isEqualTo("{\"aggregated_attempts\":499,\"since\":\"2026-11-30T10:00:00Z\"}");
        assertThat(HourlyUsage.rollUp(recorded).get(0).total()).isEqualTo(500);
        assertThat(HourlyUsage.rollUp(recorded).get(0).errors()).isEqualTo(500);
    }

    @Test
    void aFailureAfterTheWindowWritesTheSummaryAndOpensANewWindow() {
        Instant t0 = clock.instant();
        failed.record(failure(t0, "a", "r"));
        failed.record(failure(t0.plusSeconds(10), "b", "r"));
        failed.record(failure(t0.plusSeconds(61), "c", "r"));

        assertThat(recorded).extracting(ActivityEvent::attempts).containsExactly(1, 1, 1);
        assertThat(recorded.get(1).clientIp()).contains("b");
        assertThat(recorded.get(1).errorMessage().orElseThrow()).startsWith("1 more failed attempts");
        assertThat(recorded.get(2).clientIp()).contains("c");
    }

    @Test
    void passesAreCountedApartAndCloseWritesWhatIsPending() {
        PassId other = TestIds.newPassId();
        Instant t0 = clock.instant();
        for (int i = 0; i < 3; i++) {
            failed.record(failure(t0.plusSeconds(i), "a", "r"));
            failed.record(anEvent().forPass(other).at(t0.plusSeconds(i)).failed(401, "r").build());
        }
        assertThat(recorded).hasSize(2);

        failed.close();

        assertThat(recorded).hasSize(4);
        assertThat(recorded.stream().filter(event -> event.passId().equals(other)).mapToInt(ActivityEvent::attempts).sum())
                .isEqualTo(3);
        assertThat(recorded.stream().filter(event -> event.passId().equals(passId)).mapToInt(ActivityEvent::attempts).sum())
                .isEqualTo(3);
    }

    @Test
    void refusesSuccesses() {
        assertThatThrownBy(() -> failed.record(anEvent().forPass(passId).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
