package dev.sentinel.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.port.StorageSession;
import dev.sentinel.core.fixtures.TestEvents;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database made by an older version of Sentinel (schema version 1 only) is upgraded in place when opened. */
class MigrationUpgradeTest {

    @TempDir
    Path dataDir;

    @Test
    void aVersionOneDatabaseUpgradesInPlaceAndKeepsItsData() {
        DatabaseConfig config = DatabaseConfig.h2(dataDir);
        Flyway old = Flyway.configure().dataSource(config.jdbcUrl(), config.user(), config.password())
                .locations("classpath:db/migration").target("1").load();
        old.migrate();
        assertThat(old.info().current().getVersion().getVersion()).isEqualTo("1");
        insertVersionOnePass(old);

        try (JdbiStorage storage = JdbiStorage.open(config)) {
            PassId passId = new PassId("SP-2025-OLD001");
            assertThat(storage.read((StorageSession session) -> session.passes().find(passId))).hasValueSatisfying(pass ->
                    assertThat(pass.project().value()).isEqualTo("legacy"));
            assertThat(storage.read((StorageSession session) -> session.agentUsers().find(
                    storage.read((StorageSession inner) -> inner.passes().find(passId)).orElseThrow().clientId()))).isPresent();
            storage.inTransaction(session -> {
                session.activity().append(List.of(TestEvents.anEvent().forPass(passId).build()));
                return null;
            });
            assertThat(storage.read((StorageSession session) -> session.activity().count(ActivityFilter.all(passId)))).isEqualTo(1);
        }
        assertThat(Flyway.configure().dataSource(config.jdbcUrl(), config.user(), config.password())
                .locations("classpath:db/migration").load().info().pending()).isEmpty();
    }

    private static void insertVersionOnePass(Flyway old) {
        try (var connection = old.getConfiguration().getDataSource().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("INSERT INTO agent_users VALUES ('spc_AAAAAAAAAAAAAAAAAAAAAAAA', 'Old Agent', 'old_agent', "
                    + "NULL, TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00')");
            statement.execute("INSERT INTO agent_credentials VALUES ('spc_AAAAAAAAAAAAAAAAAAAAAAAA', 0, '$sha256$"
                    + "ab".repeat(32) + "', TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00', NULL)");
            statement.execute("INSERT INTO passes VALUES ('SP-2025-OLD001', 'legacy', 'spc_AAAAAAAAAAAAAAAAAAAAAAAA', "
                    + "'standard', NULL, 'automation_tool', DATE '2025-01-01', DATE '2026-01-01', 'read,write', '', "
                    + "'api_key', 'privately_visible', NULL, 'active', TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00', "
                    + "TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00')");
        } catch (java.sql.SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
