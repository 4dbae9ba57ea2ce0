package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.ActivityLog;
import dev.sentinel.core.port.AgentUsers;
import dev.sentinel.core.port.AuditTrail;
import dev.sentinel.core.port.Passes;
import dev.sentinel.core.port.Settings;
import dev.sentinel.core.port.SigningKeys;
import dev.sentinel.core.port.StorageSession;
import dev.sentinel.core.port.UsageRollups;
import org.jdbi.v3.core.Handle;

/** The stores bound to one JDBI handle, and so to its transaction. */
record JdbiSession(Handle handle, Dialect dialect) implements StorageSession {

    @Override
    public AgentUsers agentUsers() {
        return new JdbiAgentUsersAdapter(handle);
    }

    @Override
    public Passes passes() {
        return new JdbiPassesAdapter(handle);
    }

    @Override
    public ActivityLog activity() {
        return new JdbiActivityLogAdapter(handle, dialect);
    }

    @Override
    public UsageRollups usage() {
        return new JdbiUsageRollupsAdapter(handle, dialect);
    }

    @Override
    public SigningKeys signingKeys() {
        return new JdbiSigningKeysAdapter(handle);
    }

    @Override
    public AuditTrail audit() {
        return new JdbiAuditTrailAdapter(handle);
    }

    @Override
    public Settings settings() {
        return new JdbiSettingsAdapter(handle, dialect);
    }
}
