package dev.sentinel.persistence.jdbi.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.core.application.access.IssuedSetupLink;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import dev.sentinel.persistence.jdbi.TestDatabases;
import dev.sentinel.persistence.jdbi.h2.LegacyH2;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store of today's schema (version 14: projects, accounts, access keys, the audit chain) with a pass, an account
 * without a password and a stored admin token, opened by this version (set-up links, V16): everything is kept, and the
 * account can be given a one-time set-up link that sets its password. On H2 and PostgreSQL.
 */
class SetupLinksUpgradeTest {

    private static final String ADMIN_TOKEN = "sat_" + "Q".repeat(43);
    private static final String PASSWORD = "a long walk by the river";

    @TempDir
    Path dataDir;

    @Test
    void aStoreOfTodaysSchemaKeepsEverythingOnH2() throws Exception {
        assertUpgradeKeepsEverything(DatabaseConfig.h2(dataDir), LegacyH2.url(dataDir), LegacyH2.USER, LegacyH2.PASSWORD);
    }

    @Test
    void aStoreOfTodaysSchemaKeepsEverythingOnPostgres() throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            assertUpgradeKeepsEverything(schema.config(), schema.config().jdbcUrl(), schema.user(), schema.password());
        }
    }

    private static void assertUpgradeKeepsEverything(DatabaseConfig config, String url, String user, String password)
            throws Exception {
        Flyway old = Migrations.configure(Flyway.configure().dataSource(url, user, password)).target("14").load();
        old.migrate();
        try (Connection connection = old.getConfiguration().getDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            String time = "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'";
            statement.execute("INSERT INTO projects (name, display_name, created_at) VALUES ('legacy', NULL, " + time + ")");
            statement.execute("INSERT INTO agent_users (client_id, name, agent_type, description, created_at, updated_at) "
                    + "VALUES ('spc_AAAAAAAAAAAAAAAAAAAAAAAA', 'Old Agent', 'old_agent', NULL, " + time + ", " + time + ")");
            statement.execute("INSERT INTO agent_credentials VALUES ('spc_AAAAAAAAAAAAAAAAAAAAAAAA', 0, '$sha256$"
                    + "ab".repeat(32) + "', " + time + ", NULL)");
            statement.execute("INSERT INTO passes (pass_id, project, client_id, access_level, organization, usage_type, "
                    + "valid_from, valid_until, permissions, scopes, credential_type, visibility, integration_notes, state, "
                    + "created_at, updated_at) VALUES ('SP-2026-OLD001', 'legacy', 'spc_AAAAAAAAAAAAAAAAAAAAAAAA', "
                    + "'standard', NULL, 'automation_tool', DATE '2026-01-01', DATE '2027-01-01', 'read', '', 'api_key', "
                    + "'privately_visible', NULL, 'active', " + time + ", " + time + ")");
            statement.execute("INSERT INTO accounts (account_id, email, display_name, password_hash, is_owner, created_at) "
                    + "VALUES ('acc_" + "R".repeat(20) + "', 'root@example.com', 'Root', NULL, TRUE, " + time + ")");
            statement.execute("INSERT INTO settings (name, setting_value) VALUES ('admin_token_hash', '"
                    + adminTokenHash() + "')");
        }

        try (JdbiStorage storage = JdbiStorage.open(config)) {
            Sentinel sentinel = Sentinel.builder().storage(storage).build();
            assertThat(sentinel.passes().get(new PassId("SP-2026-OLD001")).pass().project().value()).isEqualTo("legacy");
            assertThat(AdminTokens.stored(storage, new SecureRandom()).matches(ADMIN_TOKEN)).isTrue();
            Account root = sentinel.accounts().findByEmail(Email.of("root@example.com")).orElseThrow();
            assertThat(root.owner()).isTrue();
            assertThat(root.passwordHash()).isEmpty();

            IssuedSetupLink link = sentinel.setupLinks().issue(root.id());
            sentinel.setupLinks().complete(link.token(), PASSWORD.toCharArray(), null);

            assertThat(sentinel.accounts().checkPassword(Email.of("root@example.com"), PASSWORD.toCharArray())).isPresent();
        }
    }

    private static String adminTokenHash() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(ADMIN_TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "$sha256$" + java.util.Base64.getEncoder().encodeToString(digest);
    }
}
