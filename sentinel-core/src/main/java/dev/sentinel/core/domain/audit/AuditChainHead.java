package dev.sentinel.core.domain.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * The end of the audit chain: the sequence number of the newest entry (0 when there is none), its MAC, how many
 * entries were written before the chain began ({@code legacyThrough}: entries 1 to it came from a release without MACs
 * and are reported, not verified), and the checkpoint of the last retention purge. Appends lock it, which serialises
 * them across nodes. Immutable.
 */
public record AuditChainHead(long sequence, Optional<String> mac, long legacyThrough,
                             Optional<AuditCheckpoint> checkpoint) {

    public AuditChainHead {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (sequence < 0 || legacyThrough < 0) {
            throw new IllegalArgumentException("audit sequence numbers are not negative");
        }
    }

    /** The head of a new store's empty trail. */
    public static AuditChainHead empty() {
        return new AuditChainHead(0, Optional.empty(), 0, Optional.empty());
    }

    public AuditChainHead movedTo(long newSequence, Optional<String> newMac) {
        return new AuditChainHead(newSequence, newMac, legacyThrough, checkpoint);
    }

    public AuditChainHead withCheckpoint(AuditCheckpoint value) {
        return new AuditChainHead(sequence, mac, legacyThrough, Optional.of(value));
    }
}
