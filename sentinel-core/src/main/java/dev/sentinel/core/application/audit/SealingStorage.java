package dev.sentinel.core.application.audit;

import dev.sentinel.core.port.out.AuditTrail;
import dev.sentinel.core.port.out.ForwardingStorageSession;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.util.Objects;
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

    /** The wrapped session with its audit trail sealing; every other store passes through. */
    private static final class Session extends ForwardingStorageSession {
        private final AuditChain chain;

        Session(StorageSession session, AuditChain chain) {
            super(session);
            this.chain = chain;
        }

        @Override
        public AuditTrail audit() {
            return new SealingAuditTrail(delegate().audit(), chain);
        }
    }
}
