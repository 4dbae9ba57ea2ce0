package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.access.AccessKey;
import dev.sentinel.core.domain.access.AccessKeyId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The access keys (hashed, never the keys). Used inside a {@link StorageSession}. */
public interface AccessKeys {

    /** Adds a key; a taken id or hash is a {@link dev.sentinel.core.domain.ConflictException}. */
    void add(AccessKey key);

    Optional<AccessKey> find(AccessKeyId id);

    /** The key whose hash is {@code hash}: the lookup of every request that presents a key. */
    Optional<AccessKey> findByHash(String hash);

    /** Every key, oldest first. */
    List<AccessKey> list();

    /** Deletes (revokes) the key; false when there was none. */
    boolean delete(AccessKeyId id);

    /**
     * Records when keys were last used: each key's {@code last_used_at} becomes the given time unless it is already
     * later. Keys that are gone are skipped. One statement per key, in id order.
     */
    void touch(Map<AccessKeyId, Instant> lastUsed);
}
