package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.SigningKeyRecord;
import java.time.Instant;
import java.util.List;

/** Token-signing keys shared by every node. Used inside a {@link StorageSession}. */
public interface SigningKeys {

    /** Every stored key, newest first. */
    List<SigningKeyRecord> all();

    /** Adds a key; a taken {@code kid} is a {@link dev.sentinel.core.domain.ConflictException}. */
    void add(SigningKeyRecord key);

    /** Marks a key retired at {@code at}: it signs no more tokens but stays published until deleted. */
    void retire(String kid, Instant at);

    /** Deletes keys retired before {@code cutoff}; returns how many. */
    int deleteRetiredBefore(Instant cutoff);
}
