package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.SentinelPass;
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
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.core.port.out.UsageRollups;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The stores bound to one JDBI handle, and so to its transaction (or, for reads, its auto-commit connection). The
 * authentication read of every token request ({@link #sentinelPass}) runs as one plain-JDBC join on the handle's
 * connection.
 */
public final class JdbiSession implements StorageSession {

    private final Dialect dialect;
    private final Handle handle;

    private JdbiSession(Dialect dialect, Handle handle) {
        this.dialect = dialect;
        this.handle = handle;
    }

    /** A session on {@code handle}, which its caller closes. */
    public static JdbiSession of(Handle handle, Dialect dialect) {
        return new JdbiSession(dialect, handle);
    }

    private Handle handle() {
        return handle;
    }

    @Override
    public AgentUsers agentUsers() {
        return new JdbiAgentUsersAdapter(handle());
    }

    @Override
    public Passes passes() {
        return new JdbiPassesAdapter(handle(), dialect);
    }

    @Override
    public ActivityLog activity() {
        return new JdbiActivityLogAdapter(handle(), dialect);
    }

    @Override
    public UsageRollups usage() {
        return new JdbiUsageRollupsAdapter(handle(), dialect);
    }

    @Override
    public SigningKeys signingKeys() {
        return new JdbiSigningKeysAdapter(handle());
    }

    @Override
    public AuditTrail audit() {
        return new JdbiAuditTrailAdapter(handle());
    }

    @Override
    public Settings settings() {
        return new JdbiSettingsAdapter(handle(), dialect);
    }

    @Override
    public RevokedTokens revokedTokens() {
        return new JdbiRevokedTokensAdapter(handle(), dialect);
    }

    @Override
    public dev.sentinel.core.port.out.UsedAssertions usedAssertions() {
        return new JdbiUsedAssertionsAdapter(handle(), dialect);
    }

    @Override
    public IngestReceipts ingestReceipts() {
        return new JdbiIngestReceiptsAdapter(handle());
    }

    @Override
    public Projects projects() {
        return new JdbiProjectsAdapter(handle(), dialect);
    }

    @Override
    public Accounts accounts() {
        return new JdbiAccountsAdapter(handle());
    }

    @Override
    public Memberships memberships() {
        return new JdbiMembershipsAdapter(handle());
    }

    @Override
    public AccessKeys accessKeys() {
        return new JdbiAccessKeysAdapter(handle());
    }

    @Override
    public dev.sentinel.core.port.out.SetupLinks setupLinks() {
        return new JdbiSetupLinksAdapter(handle());
    }

    @Override
    public dev.sentinel.core.port.out.Alerts alerts() {
        return new JdbiAlertsAdapter(handle());
    }

    @Override
    public dev.sentinel.core.port.out.Sessions sessions() {
        return new JdbiSessionsAdapter(handle());
    }

    @Override
    public dev.sentinel.core.port.out.TrustPolicies trustPolicies() {
        return new JdbiTrustPoliciesAdapter(handle());
    }

    @Override
    public dev.sentinel.core.port.out.Resources resources() {
        return new JdbiResourcesAdapter(handle());
    }

    @Override
    public Optional<SentinelPass> sentinelPass(ClientId clientId) {
        try {
            return JdbiSentinelPasses.find(handle.getConnection(), clientId);
        } catch (SQLException failure) {
            throw new UnableToExecuteStatementException(failure, null);
        }
    }
}
