package dev.sentinel.core.application.access;

import dev.sentinel.core.domain.access.AccessKey;
import java.util.Objects;

/** A new access key and its text, shown this once (it is stored only as a hash). {@link #toString()} hides the key. */
public record CreatedAccessKey(AccessKey key, String secret) {

    public CreatedAccessKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "CreatedAccessKey[" + key + ", key redacted]";
    }
}
