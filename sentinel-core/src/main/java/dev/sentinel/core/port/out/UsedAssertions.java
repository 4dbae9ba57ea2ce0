package dev.sentinel.core.port.out;

import java.time.Instant;

/**
 * The replay cache of client assertions: the {@code jti} of every {@code private_key_jwt} assertion accepted, per
 * client, until the assertion expires. Shared by every node through the store, so an assertion is accepted once in
 * the whole cluster. Used inside a {@link StorageSession}.
 */
public interface UsedAssertions {

    /**
     * Records that {@code clientId} used {@code jti}, remembered until {@code expiresAt}: true when this is its first
     * use, false when the same client's {@code jti} is already recorded and not expired at {@code now} (a replay).
     * Atomic across nodes: of two concurrent first uses exactly one is true.
     */
    boolean firstUse(String clientId, String jti, Instant expiresAt, Instant now);

    /** Forgets the entries that expired before {@code instant}; returns how many. */
    int deleteExpiredBefore(Instant instant);
}
