package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.AuditEntry;
import java.util.List;

/** The append-only record of administrative actions. Used inside a {@link StorageSession}. */
public interface AuditTrail {

    void record(AuditEntry entry);

    /** The newest entries first, at most {@code limit}. */
    List<AuditEntry> recent(int limit);

    /** Every entry about one pass, oldest first; entries outlive the pass. */
    List<AuditEntry> forPass(String passId);
}
