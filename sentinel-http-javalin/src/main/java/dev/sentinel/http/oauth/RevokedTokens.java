package dev.sentinel.http.oauth;

import dev.sentinel.core.port.Settings;
import dev.sentinel.core.port.Storage;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The deny-list of revoked access tokens, kept in the shared settings store as {@code revoked_jti:<jti>} → the
 * token's expiry, so that every node sees a revocation at once. An entry is only needed while its token could still
 * be accepted, so {@link #prune} deletes entries whose token expired more than {@link #PRUNE_MARGIN} ago (the margin
 * covers clocks that differ between nodes); the server does that every hour.
 */
public final class RevokedTokens {

    static final String PREFIX = "revoked_jti:";
    /** How long after its token's expiry an entry is kept. */
    private static final Duration PRUNE_MARGIN = Duration.ofMinutes(5);

    private RevokedTokens() {
    }

    static void revoke(Settings settings, String jti, Instant expiresAt) {
        settings.putIfAbsent(PREFIX + jti, expiresAt.toString());
    }

    static boolean isRevoked(Settings settings, String jti) {
        Optional<String> entry = settings.get(PREFIX + jti);
        return entry.isPresent();
    }

    /**
     * Deletes the entries of tokens that expired before {@code now} minus the margin, in one transaction; returns how
     * many. An entry whose expiry cannot be read is kept: it is not Sentinel's to guess about.
     */
    public static int prune(Storage storage, Instant now) {
        Instant before = now.minus(PRUNE_MARGIN);
        return storage.inTransaction(session -> {
            Settings settings = session.settings();
            int deleted = 0;
            for (Map.Entry<String, String> entry : settings.withPrefix(PREFIX).entrySet()) {
                if (expiredBefore(entry.getValue(), before) && settings.delete(entry.getKey())) {
                    deleted++;
                }
            }
            return deleted;
        });
    }

    private static boolean expiredBefore(String expiry, Instant before) {
        try {
            return Instant.parse(expiry).isBefore(before);
        } catch (DateTimeParseException unreadable) {
            return false;
        }
    }
}
