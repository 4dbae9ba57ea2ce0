package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.SentinelPass;
import java.util.Optional;

/** The stores as seen inside one transaction. Not thread-safe; valid only within its transaction. */
public interface StorageSession {

    AgentUsers agentUsers();

    Passes passes();

    ActivityLog activity();

    UsageRollups usage();

    SigningKeys signingKeys();

    AuditTrail audit();

    Settings settings();

    RevokedTokens revokedTokens();

    /** The replay cache of client assertions' {@code jti}s. */
    UsedAssertions usedAssertions();

    IngestReceipts ingestReceipts();

    /** The project records. */
    Projects projects();

    /** People's accounts. */
    Accounts accounts();

    /** Who is admin or viewer of which project. */
    Memberships memberships();

    /** The access keys for automation. */
    AccessKeys accessKeys();

    /** The one-time set-up links of accounts. */
    SetupLinks setupLinks();
    /** The signed-in sessions of accounts. */
    Sessions sessions();

    /** The projects' trust policies for workload identity federation. */
    TrustPolicies trustPolicies();

    /** The projects' registered resources (the resource servers their tokens may name). */
    Resources resources();
    /** Alert rules, alerts and the cluster's evaluation lease. */
    Alerts alerts();

    /**
     * The agent user (with its credentials) and the pass of a client, as authentication needs them on every grant.
     * The default reads the two stores one after the other; an adapter that can read both at once (one SQL join)
     * should, since this runs once per token request.
     */
    default Optional<SentinelPass> sentinelPass(ClientId clientId) {
        return agentUsers().find(clientId)
                .flatMap(agent -> passes().findByClientId(clientId).map(pass -> new SentinelPass(agent, pass)));
    }
}
