package dev.sentinel.core.domain.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.Violations;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActivityEventRulesTest {

    private static final PassId PASS = new PassId("SP-2026-AAAAAA");
    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void anEventNamesEveryBrokenRuleAtOnce() {
        assertThatThrownBy(() -> new ActivityEvent(PASS, ActivityType.API_REQUEST, AT, "", "get", true, 999, -1,
                Optional.of("x".repeat(65)), Optional.empty(), Optional.empty(), "[]", 2))
                .isInstanceOfSatisfying(ValidationException.class, failure -> assertThat(failure.violations())
                        .extracting(FieldViolation::field).containsExactly("endpoint", "http_method", "status_code",
                                "duration_ms", "client_ip", "metadata", "attempts"));
    }

    @Test
    void aReaderOfRawInputChecksTheValuesItCouldReadWithTheSameRules() {
        Violations violations = new Violations();

        ActivityEvent.checkFields(violations, "/v1/orders", null, 999L, -1L, null, null, null, "{}");

        assertThat(violations.list()).containsExactly(new FieldViolation("status_code", "must be between 100 and 599"),
                new FieldViolation("duration_ms", "must be between 0 and 86400000"));
    }

    @Test
    void aValidEventBreaksNoRule() {
        ActivityEvent event = new ActivityEvent(PASS, ActivityType.API_REQUEST, AT, "/v1/orders", "GET", true, 200, 0,
                Optional.empty(), Optional.empty(), Optional.empty(), "{}");

        assertThat(event.durationMs()).isZero();
    }
}
