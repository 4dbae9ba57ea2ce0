package dev.sentinel.http.admin;

import dev.sentinel.core.application.PassService;
import dev.sentinel.core.domain.ValidationException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The {@code grace_period} of a credential regeneration: an ISO-8601 duration ({@code PT1H}, {@code P1D}) or a
 * whole number of seconds ({@code 3600} or {@code "3600"}); absent means zero (the old secret stops at once).
 */
final class GracePeriod {

    private GracePeriod() {
    }

    static Duration parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Duration.ZERO;
        }
        String text = raw.strip();
        try {
            if (text.matches("-?[0-9]{1,9}")) {
                return Duration.ofSeconds(Long.parseLong(text));
            }
            return Duration.parse(text);
        } catch (DateTimeParseException | NumberFormatException malformed) {
            throw ValidationException.of(PassService.GRACE_FIELD,
                    "must be an ISO-8601 duration such as PT1H, or a number of seconds");
        }
    }
}
