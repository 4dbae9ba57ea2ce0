package dev.sentinel.core.domain.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's TOTP second factor: the secret, encrypted under the key-encryption key (never stored in plain text);
 * when it was confirmed with a first code (empty while enrolment is pending, when it does not count as a factor yet);
 * and the last time step whose code was accepted, so that no code is accepted twice (0 before the first).
 */
public record TotpEnrolment(String encryptedSecret, Optional<Instant> confirmedAt, long lastUsedStep) {

    public TotpEnrolment {
        Objects.requireNonNull(encryptedSecret, "encryptedSecret");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        if (lastUsedStep < 0) {
            throw new IllegalArgumentException("lastUsedStep must not be negative");
        }
    }

    public boolean isConfirmed() {
        return confirmedAt.isPresent();
    }

    public TotpEnrolment confirmed(Instant at, long step) {
        return new TotpEnrolment(encryptedSecret, Optional.of(at), step);
    }

    public TotpEnrolment used(long step) {
        return new TotpEnrolment(encryptedSecret, confirmedAt, step);
    }

    @Override
    public String toString() {
        return "TotpEnrolment[confirmed=" + confirmedAt.isPresent() + ", lastUsedStep=" + lastUsedStep + "]";
    }
}
