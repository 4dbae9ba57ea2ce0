package dev.sentinel.core.domain.audit;

import dev.sentinel.core.domain.AuditEntry;
import java.util.Objects;
import java.util.Optional;

/**
 * An audit entry as stored: its position in the chain ({@code sequence}, from 1, without gaps) and its MAC (an
 * HMAC-SHA256 over its content and the previous entry's MAC, base64url; empty for an entry written without the
 * key-encryption key, or before the chain began). Immutable.
 */
public record AuditRecord(long sequence, AuditEntry entry, Optional<String> mac) {

    public AuditRecord {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(mac, "mac");
        if (sequence < 1) {
            throw new IllegalArgumentException("audit sequence numbers start at 1");
        }
    }
}
