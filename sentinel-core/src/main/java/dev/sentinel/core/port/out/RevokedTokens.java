package dev.sentinel.core.port.out;

import java.time.Instant;

/**
 * The deny-list of revoked access tokens, by {@code jti}, shared by every node through the store. An entry is needed
 * only while its token could still be accepted, so each keeps its token's expiry and is pruned after it. Used inside
 * a {@link StorageSession}.
 */
public interface RevokedTokens {

    /** Puts the token on the list; revoking it again changes nothing. */
    void revoke(String jti, Instant expiresAt);

    boolean isRevoked(String jti);

    /** Removes the entries of tokens that expired before {@code instant}; returns how many. */
    int deleteExpiredBefore(Instant instant);
}
