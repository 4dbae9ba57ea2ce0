package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.AgentName;
import dev.sentinel.core.domain.AgentType;
import dev.sentinel.core.domain.AgentUser;
import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.Credential;
import dev.sentinel.core.domain.CredentialSet;
import dev.sentinel.core.port.out.AgentUsers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Agent users in {@code agent_users}, their credential sets in {@code agent_credentials} (slot 0 is current). */
final class JdbiAgentUsersAdapter implements AgentUsers {

    private static final String SELECT = "SELECT client_id, name, agent_type, description, created_at, updated_at "
            + "FROM agent_users WHERE client_id = :clientId";

    private final Handle handle;

    JdbiAgentUsersAdapter(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void add(AgentUser user) {
        Sql.insertOrConflict(() -> handle.createUpdate("INSERT INTO agent_users "
                        + "(client_id, name, agent_type, description, created_at, updated_at) "
                        + "VALUES (:clientId, :name, :type, :description, :createdAt, :updatedAt)")
                .bind("clientId", user.clientId().value())
                .bind("name", user.name().value())
                .bind("type", user.type().value())
                .bind("description", user.description().orElse(null))
                .bind("createdAt", Sql.utc(user.createdAt()))
                .bind("updatedAt", Sql.utc(user.updatedAt()))
                .execute(), "client_id", "client_id " + user.clientId() + " is taken");
        insertCredentials(user);
    }

    @Override
    public Optional<AgentUser> find(ClientId clientId) {
        return load(clientId, SELECT);
    }

    @Override
    public Optional<AgentUser> findForUpdate(ClientId clientId) {
        return load(clientId, SELECT + " FOR UPDATE");
    }

    @Override
    public void update(AgentUser user) {
        int changed = handle.createUpdate("UPDATE agent_users SET updated_at = :updatedAt WHERE client_id = :clientId")
                .bind("updatedAt", Sql.utc(user.updatedAt()))
                .bind("clientId", user.clientId().value())
                .execute();
        if (changed > 0) {
            deleteCredentials(user.clientId());
            insertCredentials(user);
        }
    }

    @Override
    public boolean delete(ClientId clientId) {
        deleteCredentials(clientId);
        return handle.createUpdate("DELETE FROM agent_users WHERE client_id = :clientId")
                .bind("clientId", clientId.value())
                .execute() > 0;
    }

    /**
     * The agent row, then its credentials. A delete committed between the two statements leaves the row without
     * credentials: that agent is gone, so it is not found (a read racing a delete answers 404, never 500).
     */
    private Optional<AgentUser> load(ClientId clientId, String sql) {
        return handle.createQuery(sql)
                .bind("clientId", clientId.value())
                .map((row, context) -> AgentRow.read(row, ""))
                .findOne()
                .flatMap(row -> credentials(clientId).map(credentials -> row.withCredentials(clientId, credentials)));
    }

    /** An {@code agent_users} row, before its credentials are read; columns may carry a prefix in a join. */
    record AgentRow(AgentName name, AgentType type, Optional<String> description, java.time.Instant createdAt,
                    java.time.Instant updatedAt) {

        static AgentRow read(ResultSet row, String prefix) throws SQLException {
            return new AgentRow(new AgentName(row.getString(prefix + "name")),
                    new AgentType(row.getString(prefix + "agent_type")), Sql.optionalString(row, prefix + "description"),
                    Sql.instant(row, prefix + "created_at"), Sql.instant(row, prefix + "updated_at"));
        }

        AgentUser withCredentials(ClientId clientId, CredentialSet credentials) {
            return new AgentUser(clientId, name, type, description, credentials, createdAt, updatedAt);
        }
    }

    /** An {@code agent_credentials} row; columns may carry a prefix in a join. */
    static Credential credential(ResultSet row, String prefix) throws SQLException {
        return new Credential(row.getString(prefix + "hash"), Sql.instant(row, prefix + "created_at"),
                Sql.optionalInstant(row, prefix + "not_after"));
    }

    private Optional<CredentialSet> credentials(ClientId clientId) {
        List<Credential> credentials = handle.createQuery("SELECT hash, created_at, not_after FROM agent_credentials "
                        + "WHERE client_id = :clientId ORDER BY slot")
                .bind("clientId", clientId.value())
                .map((row, context) -> credential(row, ""))
                .list();
        return credentials.isEmpty() ? Optional.empty() : Optional.of(new CredentialSet(credentials));
    }

    private void insertCredentials(AgentUser user) {
        PreparedBatch batch = handle.prepareBatch("INSERT INTO agent_credentials (client_id, slot, hash, created_at, not_after) "
                + "VALUES (:clientId, :slot, :hash, :createdAt, :notAfter)");
        List<Credential> credentials = user.credentials().credentials();
        for (int slot = 0; slot < credentials.size(); slot++) {
            Credential credential = credentials.get(slot);
            batch.bind("clientId", user.clientId().value())
                    .bind("slot", slot)
                    .bind("hash", credential.hash())
                    .bind("createdAt", Sql.utc(credential.createdAt()))
                    .bind("notAfter", Sql.utc(credential.notAfter()))
                    .add();
        }
        batch.execute();
    }

    private void deleteCredentials(ClientId clientId) {
        handle.createUpdate("DELETE FROM agent_credentials WHERE client_id = :clientId")
                .bind("clientId", clientId.value())
                .execute();
    }
}
