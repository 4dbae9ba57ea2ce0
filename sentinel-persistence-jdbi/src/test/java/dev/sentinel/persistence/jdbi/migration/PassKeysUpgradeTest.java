package dev.sentinel.persistence.jdbi.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.domain.CredentialType;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassKeys;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import dev.sentinel.persistence.jdbi.TestDatabases;
import dev.sentinel.persistence.jdbi.h2.LegacyH2;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store of today's release (schema version 16) with a pass and its secret, opened by this version (pass keys and
 * the replay cache of client assertions, V17): the pass keeps its secret and has no keys, its secret still
 * authenticates, and a private_key_jwt pass and the replay cache work in the upgraded store. On H2 and PostgreSQL.
 */
class PassKeysUpgradeTest {

    private static final String CLIENT_ID = "spc_AAAAAAAAAAAAAAAAAAAAAAAA";
    private static final String JWKS = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}";

    @TempDir
    Path dataDir;

    @Test
    void aStoreOfTodaysReleaseKeepsItsPassesOnH2() throws Exception {
        assertUpgradeKeepsEverything(DatabaseConfig.h2(dataDir), LegacyH2.url(dataDir), LegacyH2.USER, LegacyH2.PASSWORD);
    }

    @Test
    void aStoreOfTodaysReleaseKeepsItsPassesOnPostgres() throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            assertUpgradeKeepsEverything(schema.config(), schema.config().jdbcUrl(), schema.user(), schema.password());
        }
    }

    private static void assertUpgradeKeepsEverything(DatabaseConfig config, String url, String user, String password)
            throws Exception {
        Flyway old = Migrations.configure(Flyway.configure().dataSource(url, user, password)).target("16").load();
        old.migrate();
        try (Connection connection = old.getConfiguration().getDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            String time = "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'";
            statement.execute("INSERT INTO projects (name, display_name, created_at) VALUES ('legacy', NULL, " + time + ")");
            statement.execute("INSERT INTO agent_users (client_id, name, agent_type, description, created_at, updated_at) "
                    + "VALUES ('" + CLIENT_ID + "', 'Old Agent', 'old_agent', NULL, " + time + ", " + time + ")");
            statement.execute("INSERT INTO agent_credentials VALUES ('" + CLIENT_ID + "', 0, '$sha256$"
                    + "ab".repeat(32) + "', " + time + ", NULL)");
            statement.execute("INSERT INTO passes (pass_id, project, client_id, access_level, organization, usage_type, "
                    + "valid_from, valid_until, permissions, scopes, credential_type, visibility, integration_notes, state, "
                    + "created_at, updated_at, allowed_audiences) VALUES ('SP-2026-OLD001', 'legacy', '" + CLIENT_ID + "', "
                    + "'standard', NULL, 'automation_tool', DATE '2026-01-01', DATE '2027-01-01', 'read', '', 'oauth_client', "
                    + "'privately_visible', NULL, 'active', " + time + ", " + time + ", 'https://api.example.com')");
        }

        try (JdbiStorage storage = JdbiStorage.open(config)) {
            Sentinel sentinel = Sentinel.builder().storage(storage).build();
            SentinelPass kept = sentinel.passes().get(new PassId("SP-2026-OLD001"));
            assertThat(kept.pass().credentialType()).isEqualTo(CredentialType.OAUTH_CLIENT);
            assertThat(kept.pass().keys()).isEqualTo(PassKeys.none());
            assertThat(kept.pass().allowedAudiences().values()).containsExactly("https://api.example.com");
            assertThat(kept.agent().credentials().current().hash()).isEqualTo("$sha256$" + "ab".repeat(32));

            CreatedPass created = sentinel.passes().create(CreatePassCommand.builder("legacy").agentName("Key Agent")
                    .agentType("key_agent").credentialType("private_key_jwt").jwks(JWKS).build());
            assertThat(created.credentials().secret()).isEmpty();
            assertThat(sentinel.passes().get(created.pass().passId()).pass().keys().jwks()).isPresent();

            Instant now = Instant.parse("2026-12-07T10:00:00Z");
            assertThat(storage.<Boolean>inTransaction(session -> session.usedAssertions().firstUse(CLIENT_ID, "jti-1",
                    now.plusSeconds(300), now))).isTrue();
            assertThat(storage.<Boolean>inTransaction(session -> session.usedAssertions().firstUse(CLIENT_ID, "jti-1",
                    now.plusSeconds(300), now))).isFalse();
        }
    }
}
