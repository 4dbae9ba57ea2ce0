package dev.sentinel.http.admin;

import dev.sentinel.core.application.PassService;
import dev.sentinel.core.domain.DurationText;
import dev.sentinel.core.domain.ValidationException;
import java.time.Duration;

/**
 * The {@code grace_period} of a credential regeneration, in the CLI's duration syntax ({@link DurationText}:
 * {@code 1h}, {@code 30m}, {@code PT1H}, {@code 3600} or {@code "3600"}); absent means zero (the old secret stops
 * at once). The range is the use case's rule.
 */
final class GracePeriod {

    private GracePeriod() {
    }

    static Duration parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Duration.ZERO;
        }
        return DurationText.parse(raw).orElseThrow(() -> ValidationException.of(PassService.GRACE_FIELD,
                "must be a duration: " + DurationText.EXAMPLES + " (got '" + (raw.length() > 40 ? raw.substring(0, 40)
                        + "…" : raw) + "')"));
    }
}
