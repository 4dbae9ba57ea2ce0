package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.SentinelPass;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link StorageSession} that hands every store over from another session: the base of a decorator that changes one
 * or two stores (override those) and must pass every other one through, including the ones added later. Not
 * thread-safe, like the session it wraps.
 */
public abstract class ForwardingStorageSession implements StorageSession {

    private final StorageSession delegate;

    protected ForwardingStorageSession(StorageSession delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The session this one forwards to. */
    protected final StorageSession delegate() {
        return delegate;
    }

    @Override
    public AgentUsers agentUsers() {
        return delegate.agentUsers();
    }

    @Override
    public Passes passes() {
        return delegate.passes();
    }

    @Override
    public ActivityLog activity() {
        return delegate.activity();
    }

    @Override
    public UsageRollups usage() {
        return delegate.usage();
    }

    @Override
    public SigningKeys signingKeys() {
        return delegate.signingKeys();
    }

    @Override
    public AuditTrail audit() {
        return delegate.audit();
    }

    @Override
    public Settings settings() {
        return delegate.settings();
    }

    @Override
    public RevokedTokens revokedTokens() {
        return delegate.revokedTokens();
    }

    @Override
    public UsedAssertions usedAssertions() {
        return delegate.usedAssertions();
    }

    @Override
    public IngestReceipts ingestReceipts() {
        return delegate.ingestReceipts();
    }

    @Override
    public Projects projects() {
        return delegate.projects();
    }

    @Override
    public Accounts accounts() {
        return delegate.accounts();
    }

    @Override
    public Memberships memberships() {
        return delegate.memberships();
    }

    @Override
    public AccessKeys accessKeys() {
        return delegate.accessKeys();
    }

    @Override
    public SetupLinks setupLinks() {
        return delegate.setupLinks();
    }

    @Override
    public Sessions sessions() {
        return delegate.sessions();
    }

    @Override
    public TrustPolicies trustPolicies() {
        return delegate.trustPolicies();
    }

    @Override
    public Resources resources() {
        return delegate.resources();
    }

    /** The wrapped session's read (one SQL join in the JDBI adapter), unless a subclass changes {@link #passes()}. */
    @Override
    public Optional<SentinelPass> sentinelPass(ClientId clientId) {
        return delegate.sentinelPass(clientId);
    }

    @Override
    public Alerts alerts() {
        return delegate.alerts();
    }
}
