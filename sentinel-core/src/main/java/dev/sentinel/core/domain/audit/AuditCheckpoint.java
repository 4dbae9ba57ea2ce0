package dev.sentinel.core.domain.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * What a retention purge leaves behind so the rest of the trail still verifies: the sequence number and MAC of the last
 * purged entry, when it was purged, and a signature (an HMAC under the audit key) over the sequence and MAC, so that
 * nobody without the key can move it. Immutable.
 */
public record AuditCheckpoint(long sequence, String mac, Instant at, String signature) {

    public AuditCheckpoint {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(signature, "signature");
    }
}
