package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.AccessKeys;
import dev.sentinel.core.port.out.Accounts;
import dev.sentinel.core.port.out.ActivityLog;
import dev.sentinel.core.port.out.AgentUsers;
import dev.sentinel.core.port.out.AuditTrail;
import dev.sentinel.core.port.out.IngestReceipts;
import dev.sentinel.core.port.out.Memberships;
import dev.sentinel.core.port.out.Projects;
import dev.sentinel.core.port.out.Passes;
import dev.sentinel.core.port.out.RevokedTokens;
import dev.sentinel.core.port.out.Settings;
import dev.sentinel.core.port.out.SigningKeys;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.core.port.out.UsageRollups;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * A {@link Storage} in memory, for tests and for trying Sentinel out. Transactions run one at a time, and no read
 * runs while one does; reads run side by side. A failed transaction is rolled back from an undo record. Thread-safe;
 * everything is lost when the process ends.
 */
public final class InMemoryStorage implements Storage {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final InMemoryState state = new InMemoryState();

    @Override
    public <T> T inTransaction(Function<StorageSession, T> work) {
        lock.writeLock().lock();
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
            lock.writeLock().unlock();
        }
    }

    /**
     * Read-only work changes nothing, so it needs no undo record; it holds the read lock, so it never sees a
     * transaction half-done, and it never waits for another read (an authentication under load must not queue
     * behind the next one).
     */
    @Override
    public <T> T read(Function<StorageSession, T> work) {
        lock.readLock().lock();
        try {
            return work.apply(new Session(state));
        } finally {
            lock.readLock().unlock();
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

        @Override
        public RevokedTokens revokedTokens() {
            return new InMemoryRevokedTokens(state);
        }

        @Override
        public dev.sentinel.core.port.out.UsedAssertions usedAssertions() {
            return new InMemoryUsedAssertions(state);
        }

        @Override
        public IngestReceipts ingestReceipts() {
            return new InMemoryIngestReceipts(state);
        }

        @Override
        public Projects projects() {
            return new InMemoryProjects(state);
        }

        @Override
        public Accounts accounts() {
            return new InMemoryAccounts(state);
        }

        @Override
        public Memberships memberships() {
            return new InMemoryMemberships(state);
        }

        @Override
        public AccessKeys accessKeys() {
            return new InMemoryAccessKeys(state);
        }

        @Override
        public dev.sentinel.core.port.out.SetupLinks setupLinks() {
            return new InMemorySetupLinks(state);
        }

        @Override
        public dev.sentinel.core.port.out.Sessions sessions() {
            return new InMemorySessions(state);
        }

        @Override
        public dev.sentinel.core.port.out.TrustPolicies trustPolicies() {
            return new InMemoryTrustPolicies(state);
        }

        @Override
        public dev.sentinel.core.port.out.Resources resources() {
            return new InMemoryResources(state);
        }

        @Override
        public dev.sentinel.core.port.out.Alerts alerts() {
            return new InMemoryAlerts(state);
        }
    }
}
