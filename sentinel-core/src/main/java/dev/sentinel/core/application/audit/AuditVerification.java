package dev.sentinel.core.application.audit;

import dev.sentinel.core.domain.audit.AuditCheckpoint;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AuditService#verify()} found: how many entries verified, how many were written before the chain began
 * (by a release without MACs: reported, never verified), the head's sequence number and MAC (note them somewhere else
 * to detect a later truncation of the newest entries), the checkpoint of the last purge, and the first entry that does
 * not verify, if any. Immutable.
 */
public record AuditVerification(long verified, long beforeChain, long headSequence, Optional<String> headMac,
                                Optional<AuditCheckpoint> checkpoint, Optional<Break> firstBreak) {

    public AuditVerification {
        Objects.requireNonNull(headMac, "headMac");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(firstBreak, "firstBreak");
    }

    /** Whether every chained entry verified. */
    public boolean intact() {
        return firstBreak.isEmpty();
    }

    /** Why the chain breaks. */
    public enum Reason {
        /** The entry's content or MAC was changed, or it was inserted by someone without the key. */
        CHANGED,
        /** The entry carries no MAC: written without the key-encryption key, or inserted. */
        UNSIGNED,
        /** Entries are missing: the sequence numbers jump (a deleted row), or end before the head. */
        MISSING,
        /** An entry older than the last purge's checkpoint reappeared. */
        UNEXPECTED,
        /** The checkpoint was not signed under this key. */
        CHECKPOINT,
        /** The chain head does not match the newest entry. */
        HEAD
    }

    /**
     * The first place the chain does not verify: the sequence number (position in the trail, from 1) where it breaks,
     * the reason, and a sentence for people.
     */
    public record Break(long position, Reason reason, String description) {

        public Break {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(description, "description");
        }
    }
}
