package dev.sentinel.core.domain.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A one-time set-up link as the store keeps it: the hash of its token (never the token), the account it sets up (none
 * for the link of a new store, which creates the first owner), when it was made, until when it may be used, and when
 * it was used (once). Immutable.
 */
public record SetupLink(String hash, Optional<AccountId> account, Instant createdAt, Instant expiresAt,
                        Optional<Instant> usedAt) {

    public SetupLink {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(usedAt, "usedAt");
    }

    /** Whether the link may still be used at {@code now}: never used, and not expired. */
    public boolean isUsableAt(Instant now) {
        return usedAt.isEmpty() && now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "SetupLink[" + account + ", expires " + expiresAt + (usedAt.isPresent() ? ", used" : "") + "]";
    }
}
