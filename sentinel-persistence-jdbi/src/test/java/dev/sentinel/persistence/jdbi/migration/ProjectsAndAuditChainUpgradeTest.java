package dev.sentinel.persistence.jdbi.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.core.application.audit.AuditVerification;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.Project;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import dev.sentinel.persistence.jdbi.TestDatabases;
import dev.sentinel.persistence.jdbi.h2.LegacyH2;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store of today's release (schema version 10) with passes in two projects, a stored admin token and audit entries,
 * opened by this version: every project becomes a record, passes and the admin token are kept, the old audit entries
 * are reported as before the chain, and new entries chain after them and verify. On H2 and PostgreSQL.
 */
class ProjectsAndAuditChainUpgradeTest {

    private static final byte[] KEK = new byte[32];
    /** The admin token whose hash the old store holds (as AdminTokens stored it). */
    private static final String ADMIN_TOKEN = "sat_" + "Q".repeat(43);

    @TempDir
    Path dataDir;

    @Test
    void aStoreOfTheLastReleaseKeepsEverythingOnH2() throws Exception {
        assertUpgradeKeepsEverything(DatabaseConfig.h2(dataDir), LegacyH2.url(dataDir), LegacyH2.USER, LegacyH2.PASSWORD);
    }

    @Test
    void aStoreOfTheLastReleaseKeepsEverythingOnPostgres() throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            assertUpgradeKeepsEverything(schema.config(), schema.config().jdbcUrl(), schema.user(), schema.password());
        }
    }

    private static void assertUpgradeKeepsEverything(DatabaseConfig config, String url, String user, String password)
            throws Exception {
        Flyway old = Migrations.configure(Flyway.configure().dataSource(url, user, password)).target("10").load();
        old.migrate();
        String adminHash = adminTokenHash();
        try (Connection connection = old.getConfiguration().getDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            insertPass(statement, "SP-2025-OLD001", "spc_AAAAAAAAAAAAAAAAAAAAAAAA", "legacy", "2025-01-01 00:00:00+00");
            insertPass(statement, "SP-2025-OLD002", "spc_BBBBBBBBBBBBBBBBBBBBBBBB", "legacy", "2025-02-01 00:00:00+00");
            insertPass(statement, "SP-2025-OLD003", "spc_CCCCCCCCCCCCCCCCCCCCCCCC", "billing", "2025-03-01 00:00:00+00");
            statement.execute("INSERT INTO settings (name, setting_value) VALUES ('admin_token_hash', '" + adminHash + "')");
            statement.execute("INSERT INTO audit_entries (recorded_at, actor, action, pass_id, detail) VALUES "
                    + "(TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00', 'admin-api', 'pass.create', 'SP-2025-OLD001', 'x')");
            statement.execute("INSERT INTO audit_entries (recorded_at, actor, action, pass_id, detail) VALUES "
                    + "(TIMESTAMP WITH TIME ZONE '2025-01-02 00:00:00+00', 'cli', 'pass.revoke', 'SP-2025-OLD001', 'y')");
        }

        try (JdbiStorage storage = JdbiStorage.open(config)) {
            assertThat(storage.read((StorageSession session) -> session.projects().list())).containsExactly(
                    new Project(new ProjectId("billing"), java.util.Optional.empty(), Instant.parse("2025-03-01T00:00:00Z")),
                    new Project(new ProjectId("legacy"), java.util.Optional.empty(), Instant.parse("2025-01-01T00:00:00Z")));
            assertThat(storage.read((StorageSession session) -> session.passes().listByProject(new ProjectId("legacy"))))
                    .extracting(pass -> pass.passId().value()).containsExactly("SP-2025-OLD001", "SP-2025-OLD002");
            assertThat(storage.read((StorageSession session) -> session.agentUsers().find(
                    new dev.sentinel.core.domain.ClientId("spc_CCCCCCCCCCCCCCCCCCCCCCCC")))).isPresent();
            assertThat(AdminTokens.stored(storage, new SecureRandom()).matches(ADMIN_TOKEN)).isTrue();

            List<AuditRecord> legacy = storage.read((StorageSession session) -> session.audit().chain(0, 10));
            assertThat(legacy).extracting(AuditRecord::sequence).containsExactly(1L, 2L);
            assertThat(legacy).extracting(record -> record.entry().action()).containsExactly("pass.create", "pass.revoke");

            Sentinel sentinel = Sentinel.builder().storage(storage).keyEncryptionKey(KEK).build();
            sentinel.passes().create(CreatePassCommand.builder("legacy").agentName("New Agent").agentType("Agent").build());
            sentinel.passes().revoke(new PassId("SP-2025-OLD002"));
            AuditVerification verification = sentinel.audit().verify();
            assertThat(verification.intact()).as(String.valueOf(verification.firstBreak())).isTrue();
            assertThat(verification.beforeChain()).isEqualTo(2);
            assertThat(verification.verified()).isEqualTo(2);
            assertThat(verification.headSequence()).isEqualTo(4);
            assertThat(sentinel.projects().list()).extracting(overview -> overview.project().name().value() + "="
                    + overview.passes()).containsExactly("billing=1", "legacy=3");
        }
    }

    private static void insertPass(Statement statement, String passId, String clientId, String project, String at)
            throws SQLException {
        String time = "TIMESTAMP WITH TIME ZONE '" + at + "'";
        statement.execute("INSERT INTO agent_users (client_id, name, agent_type, description, created_at, updated_at) VALUES ('"
                + clientId + "', 'Old Agent', 'old_agent', NULL, " + time + ", " + time + ")");
        statement.execute("INSERT INTO agent_credentials VALUES ('" + clientId + "', 0, '$sha256$" + "ab".repeat(32)
                + "', " + time + ", NULL)");
        statement.execute("INSERT INTO passes (pass_id, project, client_id, access_level, organization, usage_type, "
                + "valid_from, valid_until, permissions, scopes, credential_type, visibility, integration_notes, state, "
                + "created_at, updated_at) VALUES ('" + passId + "', '" + project + "', '" + clientId + "', 'standard', "
                + "NULL, 'automation_tool', DATE '2025-01-01', DATE '2027-01-01', 'read,write', '', 'api_key', "
                + "'privately_visible', NULL, 'active', " + time + ", " + time + ")");
    }

    /** The hash AdminTokens keeps for a token: $sha256$ and the base64 of its SHA-256. */
    private static String adminTokenHash() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(ADMIN_TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "$sha256$" + java.util.Base64.getEncoder().encodeToString(digest);
    }
}
