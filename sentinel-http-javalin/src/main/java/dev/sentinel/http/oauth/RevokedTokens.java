package dev.sentinel.http.oauth;

import dev.sentinel.core.port.Settings;
import java.time.Instant;
import java.util.Optional;

/**
 * The deny-list of revoked access tokens, kept in the shared settings store as {@code revoked_jti:<jti>} → the
 * token's expiry, so that every node sees a revocation at once. Entries past their expiry no longer matter (the
 * token is dead anyway); they are small and revocations are rare, so they are not pruned.
 */
final class RevokedTokens {

    static final String PREFIX = "revoked_jti:";

    private RevokedTokens() {
    }

    static void revoke(Settings settings, String jti, Instant expiresAt) {
        settings.putIfAbsent(PREFIX + jti, expiresAt.toString());
    }

    static boolean isRevoked(Settings settings, String jti) {
        Optional<String> entry = settings.get(PREFIX + jti);
        return entry.isPresent();
    }
}
