package dev.sentinel.core.port;

/** The stores as seen inside one transaction. Not thread-safe; valid only within its transaction. */
public interface StorageSession {

    AgentUsers agentUsers();

    Passes passes();

    ActivityLog activity();

    UsageRollups usage();

    SigningKeys signingKeys();

    AuditTrail audit();

    Settings settings();
}
