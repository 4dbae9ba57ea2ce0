package dev.sentinel.core.domain.activity;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ValidationException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which events of one pass to read: by type, success, a case-insensitive endpoint substring, and a time range
 * {@code [from, until)} on {@code started_at}.
 */
public record ActivityFilter(PassId passId, Optional<ActivityType> type, Optional<Boolean> success,
                             Optional<String> endpointContains, Optional<Instant> from, Optional<Instant> until) {

    public ActivityFilter {
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(success, "success");
        Objects.requireNonNull(endpointContains, "endpointContains");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        endpointContains = endpointContains.filter(text -> !text.isBlank());
        if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
            throw ValidationException.of("end_date", "must be after start_date");
        }
    }

    public static ActivityFilter all(PassId passId) {
        return new ActivityFilter(passId, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** Whether an event passes this filter; the in-memory adapter and tests use it. */
    public boolean matches(ActivityEvent event) {
        return event.passId().equals(passId)
                && type.map(wanted -> wanted == event.type()).orElse(true)
                && success.map(wanted -> wanted == event.success()).orElse(true)
                && endpointContains.map(text -> event.endpoint().toLowerCase(java.util.Locale.ROOT)
                        .contains(text.toLowerCase(java.util.Locale.ROOT))).orElse(true)
                && from.map(start -> !event.startedAt().isBefore(start)).orElse(true)
                && until.map(end -> event.startedAt().isBefore(end)).orElse(true);
    }
}
