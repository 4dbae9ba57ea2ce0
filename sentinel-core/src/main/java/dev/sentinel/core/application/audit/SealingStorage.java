package dev.sentinel.core.application.audit;

import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.port.out.AccessKeys;
import dev.sentinel.core.port.out.Accounts;
import dev.sentinel.core.port.out.ActivityLog;
import dev.sentinel.core.port.out.AgentUsers;
import dev.sentinel.core.port.out.AuditTrail;
import dev.sentinel.core.port.out.IngestReceipts;
import dev.sentinel.core.port.out.Memberships;
import dev.sentinel.core.port.out.Passes;
import dev.sentinel.core.port.out.Projects;
import dev.sentinel.core.port.out.RevokedTokens;
import dev.sentinel.core.port.out.Settings;
import dev.sentinel.core.port.out.SigningKeys;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.core.port.out.UsageRollups;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A store whose audit trail seals every entry: each {@link AuditTrail#record} takes the chain head's lock, computes the
 * entry's MAC with the {@link AuditChain} and writes both, in the caller's transaction. Every other store passes
 * through unchanged. So every use case that writes an audit entry writes a sealed one, whoever wrote the use case.
 * Thread-safe when the store is.
 */
public final class SealingStorage implements Storage {

    private final Storage delegate;
    private final AuditChain chain;

    private SealingStorage(Storage delegate, AuditChain chain) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.chain = Objects.requireNonNull(chain, "chain");
    }

    /** {@code storage} with its audit entries sealed by {@code chain}. */
    public static SealingStorage of(Storage storage, AuditChain chain) {
        if (storage instanceof SealingStorage sealing) {
            return new SealingStorage(sealing.delegate, chain);
        }
        return new SealingStorage(storage, chain);
    }

    @Override
    public <T> T inTransaction(Function<StorageSession, T> work) {
        return delegate.inTransaction(session -> work.apply(new Session(session, chain)));
    }

    @Override
    public <T> T read(Function<StorageSession, T> work) {
        return delegate.read(session -> work.apply(new Session(session, chain)));
    }

    @Override
    public boolean isReachable() {
        return delegate.isReachable();
    }

    @Override
    public String toString() {
        return "SealingStorage[" + delegate + "]";
    }

    private record Session(StorageSession session, AuditChain chain) implements StorageSession {

        @Override
        public AuditTrail audit() {
            return new SealingAuditTrail(session.audit(), chain);
        }

        @Override
        public AgentUsers agentUsers() {
            return session.agentUsers();
        }

        @Override
        public Passes passes() {
            return session.passes();
        }

        @Override
        public ActivityLog activity() {
            return session.activity();
        }

        @Override
        public UsageRollups usage() {
            return session.usage();
        }

        @Override
        public SigningKeys signingKeys() {
            return session.signingKeys();
        }

        @Override
        public Settings settings() {
            return session.settings();
        }

        @Override
        public RevokedTokens revokedTokens() {
            return session.revokedTokens();
        }

        @Override
        public IngestReceipts ingestReceipts() {
            return session.ingestReceipts();
        }

        @Override
        public Projects projects() {
            return session.projects();
        }

        @Override
        public Accounts accounts() {
            return session.accounts();
        }

        @Override
        public Memberships memberships() {
            return session.memberships();
        }

        @Override
        public AccessKeys accessKeys() {
            return session.accessKeys();
        }

        @Override
        public dev.sentinel.core.port.out.Sessions sessions() {
            return session.sessions();
        }

        @Override
        public Optional<SentinelPass> sentinelPass(ClientId clientId) {
            return session.sentinelPass(clientId);
        }
    }
}
