package dev.sentinel.core.application;

import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.port.out.Storage;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes what the server did to protect itself (not what an administrator did) to the audit trail, with the actor
 * {@value #ACTOR}: for example the start of a throttling episode. Entries never hold secret material. Thread-safe.
 */
public final class SecurityAudit {

    /** The actor of the entries this writes. */
    public static final String ACTOR = "sentinel-server";

    private final Storage storage;
    private final Clock clock;

    public SecurityAudit(Storage storage, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records one action now, about a pass or about the server as a whole. */
    public void record(String action, Optional<PassId> passId, String detail) {
        AuditEntry entry = new AuditEntry(clock.instant(), ACTOR, action, passId.map(PassId::value), detail);
        storage.inTransaction(session -> {
            session.audit().record(entry);
            return null;
        });
    }
}
