package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.port.out.ActivityLog;
import dev.sentinel.core.port.out.AgentUsers;
import dev.sentinel.core.port.out.AuditTrail;
import dev.sentinel.core.port.out.Passes;
import dev.sentinel.core.port.out.RevokedTokens;
import dev.sentinel.core.port.out.Settings;
import dev.sentinel.core.port.out.SigningKeys;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.core.port.out.UsageRollups;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The stores bound to one JDBI handle, and so to its transaction. A read-only session opens its handle only when an
 * adapter asks for one, so the authentication read of every token request ({@link #sentinelPass}) runs on a plain
 * pooled connection without the cost of a handle.
 */
final class JdbiSession implements StorageSession, AutoCloseable {

    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final Dialect dialect;
    private Handle handle;

    private JdbiSession(Jdbi jdbi, DataSource dataSource, Dialect dialect, Handle handle) {
        this.jdbi = jdbi;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.handle = handle;
    }

    /** A session inside the transaction of {@code handle}, which its caller closes. */
    static JdbiSession of(Handle handle, Dialect dialect) {
        return new JdbiSession(null, null, dialect, handle);
    }

    /** A read-only session in auto-commit mode; close it to give back the handle it may have opened. */
    static JdbiSession reading(Jdbi jdbi, DataSource dataSource, Dialect dialect) {
        return new JdbiSession(jdbi, dataSource, dialect, null);
    }

    private Handle handle() {
        if (handle == null) {
            handle = jdbi.open();
        }
        return handle;
    }

    @Override
    public AgentUsers agentUsers() {
        return new JdbiAgentUsersAdapter(handle());
    }

    @Override
    public Passes passes() {
        return new JdbiPassesAdapter(handle());
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
    public Optional<SentinelPass> sentinelPass(ClientId clientId) {
        try {
            if (handle != null) {
                return JdbiSentinelPasses.find(handle.getConnection(), clientId);
            }
            try (Connection connection = dataSource.getConnection()) {
                return JdbiSentinelPasses.find(connection, clientId);
            }
        } catch (SQLException failure) {
            throw new UnableToExecuteStatementException(failure, null);
        }
    }

    @Override
    public void close() {
        if (jdbi != null && handle != null) { // a reading session opened its own handle
            handle.close();
        }
    }
}
