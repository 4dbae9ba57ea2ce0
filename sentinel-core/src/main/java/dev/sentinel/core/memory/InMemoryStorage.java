package dev.sentinel.core.memory;

import dev.sentinel.core.port.ActivityLog;
import dev.sentinel.core.port.AgentUsers;
import dev.sentinel.core.port.AuditTrail;
import dev.sentinel.core.port.Passes;
import dev.sentinel.core.port.Settings;
import dev.sentinel.core.port.SigningKeys;
import dev.sentinel.core.port.Storage;
import dev.sentinel.core.port.StorageSession;
import dev.sentinel.core.port.UsageRollups;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A {@link Storage} in memory, for tests and for trying Sentinel out. Transactions run one at a time; a failed one
 * is rolled back from an undo record. Thread-safe; everything is lost when the process ends.
 */
public final class InMemoryStorage implements Storage {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final InMemoryState state = new InMemoryState();

    @Override
    public <T> T inTransaction(Function<StorageSession, T> work) {
        lock.lock();
        try {
            state.begin();
            try {
                T result = work.apply(new Session(state));
                state.commit();
                return result;
            } catch (RuntimeException | Error failure) {
                state.rollback();
                throw failure;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Read-only work changes nothing, so it needs no snapshot to roll back to; it still runs under the lock. */
    @Override
    public <T> T read(Function<StorageSession, T> work) {
        lock.lock();
        try {
            return work.apply(new Session(state));
        } finally {
            lock.unlock();
        }
    }

    private record Session(InMemoryState state) implements StorageSession {

        @Override
        public AgentUsers agentUsers() {
            return new InMemoryAgentUsers(state);
        }

        @Override
        public Passes passes() {
            return new InMemoryPasses(state);
        }

        @Override
        public ActivityLog activity() {
            return new InMemoryActivityLog(state);
        }

        @Override
        public UsageRollups usage() {
            return new InMemoryUsageRollups(state);
        }

        @Override
        public SigningKeys signingKeys() {
            return new InMemorySigningKeys(state);
        }

        @Override
        public AuditTrail audit() {
            return new InMemoryAuditTrail(state);
        }

        @Override
        public Settings settings() {
            return new InMemorySettings(state);
        }
    }
}
