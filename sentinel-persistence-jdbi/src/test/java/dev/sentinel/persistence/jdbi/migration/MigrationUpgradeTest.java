package dev.sentinel.persistence.jdbi.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.fixtures.TestEvents;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import dev.sentinel.persistence.jdbi.TestDatabases;
import dev.sentinel.persistence.jdbi.h2.EmbeddedH2;
import dev.sentinel.persistence.jdbi.h2.H2Owner;
import dev.sentinel.persistence.jdbi.h2.LegacyH2;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database made by an older version of Sentinel (schema version 1; version 2 with activity events) is upgraded in place
 * when opened. The PostgreSQL case runs when a server is given (see {@link TestDatabases}).
 */
class MigrationUpgradeTest {

    @TempDir
    Path dataDir;

    @Test
    void aVersionOneDatabaseUpgradesInPlaceAndKeepsItsData() {
        DatabaseConfig config = DatabaseConfig.h2(dataDir);
        Flyway old = Flyway.configure().dataSource(LegacyH2.url(dataDir), LegacyH2.USER, LegacyH2.PASSWORD)
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
        String owner = H2Owner.password(dataDir);
        assertThat(Flyway.configure().dataSource(config.jdbcUrl(), EmbeddedH2.OWNER, owner)
                .locations("classpath:db/migration").load().info().pending()).isEmpty();
    }

    @Test
    void versionTwoActivityEventsMoveIntoBlocksInAppendOrder() {
        DatabaseConfig config = DatabaseConfig.h2(dataDir);
        assertVersionTwoEventsSurviveTheUpgrade(config, LegacyH2.USER, LegacyH2.PASSWORD);
    }

    @Test
    void versionTwoActivityEventsMoveIntoBlocksOnPostgres() {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            DatabaseConfig config = schema.config();
            assertVersionTwoEventsSurviveTheUpgrade(config, schema.user(), schema.password());
        }
    }

    private static void assertVersionTwoEventsSurviveTheUpgrade(DatabaseConfig config, String user, String password) {
        Flyway old = Flyway.configure().dataSource(config.jdbcUrl(), user, password)
                .locations("classpath:db/migration").target("2").load();
        old.migrate();
        PassId passId = new PassId("SP-2025-OLD002");
        try (var connection = old.getConfiguration().getDataSource().getConnection();
             var statement = connection.createStatement()) {
            for (String row : List.of(
                    "'api_request', TIMESTAMP WITH TIME ZONE '2025-06-01 10:15:00+00', '/v1/a', 'GET', TRUE, 200, 12, NULL, NULL, NULL, '{}'",
                    "'error', TIMESTAMP WITH TIME ZONE '2025-06-01 10:15:00+00', '/v1/b', 'POST', FALSE, 401, 3, '203.0.113.7', 'ua/1', 'bad token', '{\"k\":1}'",
                    "'token_generation', TIMESTAMP WITH TIME ZONE '2025-06-01 11:05:00+00', '/oauth/token', 'POST', TRUE, 200, 40, NULL, NULL, NULL, '{}'")) {
                statement.execute("INSERT INTO activity_events (pass_id, event_type, started_at, endpoint, http_method, success, "
                        + "status_code, duration_ms, client_ip, user_agent, error_message, metadata) VALUES ('SP-2025-OLD002', " + row + ")");
            }
        } catch (java.sql.SQLException failure) {
            throw new IllegalStateException(failure);
        }

        try (JdbiStorage storage = JdbiStorage.open(config)) {
            var items = storage.read((StorageSession session) -> session.activity().find(ActivityFilter.all(passId),
                    dev.sentinel.core.domain.activity.PageRequest.first())).items();
            assertThat(items).extracting(event -> event.endpoint()).containsExactly("/oauth/token", "/v1/b", "/v1/a");
            assertThat(items.get(1).errorMessage()).contains("bad token");
            assertThat(items.get(1).metadataJson()).isEqualTo("{\"k\":1}");
            ActivityFilter failed = new ActivityFilter(passId, java.util.Optional.empty(), java.util.Optional.of(false),
                    java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
            assertThat(storage.read((StorageSession session) -> session.activity().count(failed))).isEqualTo(1);
            assertThat(storage.read((StorageSession session) -> session.activity().lastUsed(passId)))
                    .contains(java.time.Instant.parse("2025-06-01T11:05:00Z"));
        }
    }

    @Test
    void aStoreOfTheLastReleaseKeepsItsRevocationsAndPassesWhenTheyMoveToVersionSix() {
        DatabaseConfig config = DatabaseConfig.h2(dataDir);
        assertRevocationsSurviveTheUpgrade(config, LegacyH2.url(dataDir), LegacyH2.USER, LegacyH2.PASSWORD);
    }

    @Test
    void aStoreOfTheLastReleaseKeepsItsRevocationsOnPostgres() {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            assertRevocationsSurviveTheUpgrade(schema.config(), schema.config().jdbcUrl(), schema.user(), schema.password());
        }
    }

    /** Schema version 4 (release 74bd9b5) with a pass and two deny-list entries in settings, then today's open. */
    private static void assertRevocationsSurviveTheUpgrade(DatabaseConfig config, String url, String user, String password) {
        Flyway old = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
                .javaMigrations(new V4__Move_activity_events_into_blocks()).target("4").load();
        old.migrate();
        insertVersionOnePass(old);
        try (var connection = old.getConfiguration().getDataSource().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("INSERT INTO settings (name, setting_value) VALUES ('revoked_jti:jti-a', '2026-11-26T10:15:00Z')");
            statement.execute("INSERT INTO settings (name, setting_value) VALUES ('revoked_jti:jti-b', 'not a time')");
            statement.execute("INSERT INTO settings (name, setting_value) VALUES ('admin_token_hash', '$sha256$kept')");
        } catch (java.sql.SQLException failure) {
            throw new IllegalStateException(failure);
        }

        try (JdbiStorage storage = JdbiStorage.open(config)) {
            assertThat(storage.read((StorageSession session) -> session.revokedTokens().isRevoked("jti-a"))).isTrue();
            assertThat(storage.read((StorageSession session) -> session.revokedTokens().isRevoked("jti-b"))).isTrue();
            assertThat(storage.read((StorageSession session) -> session.settings().withPrefix("revoked_jti:"))).isEmpty();
            assertThat(storage.read((StorageSession session) -> session.settings().get("admin_token_hash"))).contains("$sha256$kept");
            assertThat(storage.inTransaction((StorageSession session) -> session.revokedTokens()
                    .deleteExpiredBefore(java.time.Instant.parse("2026-11-26T10:16:00Z")))).as("jti-a's expiry came along")
                    .isEqualTo(1);
            assertThat(storage.read((StorageSession session) -> session.passes().find(new PassId("SP-2025-OLD001"))))
                    .hasValueSatisfying(pass -> assertThat(pass.generation()).isZero());
        }
    }

    @Test
    void aStoreOfTheLastReleaseGivesItsPassesNoAllowedAudiencesAndStoresNewOnes() {
        DatabaseConfig config = DatabaseConfig.h2(dataDir);
        assertAudiencesArriveWithoutLoss(config, LegacyH2.url(dataDir), LegacyH2.USER, LegacyH2.PASSWORD);
    }

    @Test
    void aStoreOfTheLastReleaseGetsAllowedAudiencesOnPostgres() {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            assertAudiencesArriveWithoutLoss(schema.config(), schema.config().jdbcUrl(), schema.user(), schema.password());
        }
    }

    /** Schema version 4 (release 74bd9b5) with a pass, then today's open: version 10 adds the allowed audiences. */
    private static void assertAudiencesArriveWithoutLoss(DatabaseConfig config, String url, String user, String password) {
        Flyway old = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
                .javaMigrations(new V4__Move_activity_events_into_blocks()).target("4").load();
        old.migrate();
        insertVersionOnePass(old);

        try (JdbiStorage storage = JdbiStorage.open(config)) {
            PassId oldPass = new PassId("SP-2025-OLD001");
            assertThat(storage.read((StorageSession session) -> session.passes().find(oldPass))).hasValueSatisfying(pass -> {
                assertThat(pass.allowedAudiences().isEmpty()).isTrue();
                assertThat(pass.project().value()).isEqualTo("legacy");
                assertThat(pass.permissions().asString()).isEqualTo("read,write");
                assertThat(pass.validity().validUntil()).isEqualTo(java.time.LocalDate.parse("2026-01-01"));
            });
            dev.sentinel.core.domain.AgentUser agent = dev.sentinel.core.fixtures.TestAgentUsers.defaultAgentUser().build();
            dev.sentinel.core.domain.Pass withAudiences = dev.sentinel.core.fixtures.TestPasses.defaultPass().forAgent(agent)
                    .withAllowedAudiences("https://orders.example.com", "https://billing.example.com").build();
            storage.inTransaction(session -> {
                session.agentUsers().add(agent);
                session.passes().add(withAudiences);
                return null;
            });
            assertThat(storage.read((StorageSession session) -> session.passes().find(withAudiences.passId())))
                    .contains(withAudiences);
        }
    }

    @Test
    void aPassOfTheLastReleaseMayBeUsedFromAnyAddressAfterTheUpgradeAndCanThenBeBoundOnH2() {
        DatabaseConfig config = DatabaseConfig.h2(dataDir);
        assertReleasePassesStayUnboundAndCanBeBound(config, LegacyH2.url(dataDir), LegacyH2.USER, LegacyH2.PASSWORD);
    }

    @Test
    void aPassOfTheLastReleaseMayBeUsedFromAnyAddressAfterTheUpgradeAndCanThenBeBoundOnPostgres() {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            assertReleasePassesStayUnboundAndCanBeBound(schema.config(), schema.config().jdbcUrl(), schema.user(),
                    schema.password());
        }
    }

    /** Schema version 4 (release 74bd9b5) with a pass, then today's open adds allowed_ips (version 9). */
    private static void assertReleasePassesStayUnboundAndCanBeBound(DatabaseConfig config, String url, String user,
                                                                     String password) {
        Flyway old = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
                .javaMigrations(new V4__Move_activity_events_into_blocks()).target("4").load();
        old.migrate();
        insertVersionOnePass(old);
        PassId passId = new PassId("SP-2025-OLD001");

        try (JdbiStorage storage = JdbiStorage.open(config)) {
            dev.sentinel.core.domain.Pass upgraded = storage.read((StorageSession session) -> session.passes().find(passId))
                    .orElseThrow();
            assertThat(upgraded.allowedNetworks().isUnrestricted()).isTrue();
            assertThat(upgraded.project().value()).isEqualTo("legacy");
            assertThat(upgraded.permissions().asString()).isEqualTo("read,write");
            dev.sentinel.core.domain.Pass bound = upgraded.withAllowedNetworks(
                    dev.sentinel.core.domain.AllowedNetworks.parseList("10.0.0.0/8,2001:db8::/32"), upgraded.updatedAt());
            storage.inTransaction((StorageSession session) -> {
                session.passes().update(bound);
                return null;
            });
            assertThat(storage.read((StorageSession session) -> session.sentinelPass(upgraded.clientId())).orElseThrow()
                    .pass()).isEqualTo(bound);
        }
    }

    @Test
    void aHistoryThatNamesTheJavaMigrationsByTheirFormerPackageStillValidatesAndUpgradesOnH2() {
        DatabaseConfig config = DatabaseConfig.h2(dataDir);
        assertFormerClassNamesValidate(config, LegacyH2.url(dataDir), LegacyH2.USER, LegacyH2.PASSWORD,
                () -> Flyway.configure().dataSource(config.jdbcUrl(), EmbeddedH2.OWNER, H2Owner.password(dataDir)));
    }

    @Test
    void aHistoryThatNamesTheJavaMigrationsByTheirFormerPackageStillValidatesAndUpgradesOnPostgres() {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            String url = schema.config().jdbcUrl();
            assertFormerClassNamesValidate(schema.config(), url, schema.user(), schema.password(),
                    () -> Flyway.configure().dataSource(url, schema.user(), schema.password()));
        }
    }

    /**
     * Schema version 9, with a pass from version 4, as releases made it while the Java migrations lived in
     * {@code dev.sentinel.persistence.jdbi} (Flyway wrote those class names into {@code script}); then today's open,
     * which migrates to version 10 and so has Flyway validate that history against the moved classes first.
     */
    private static void assertFormerClassNamesValidate(DatabaseConfig config, String url, String user, String password,
                                                       java.util.function.Supplier<FluentConfiguration> asOwnerAfterwards) {
        Flyway old = Migrations.configure(Flyway.configure().dataSource(url, user, password)).target("4").load();
        old.migrate();
        insertVersionOnePass(old);
        Migrations.configure(Flyway.configure().dataSource(url, user, password)).target("9").load().migrate();
        Map<String, String> formerScripts = Map.of(
                "4", "dev.sentinel.persistence.jdbi.V4__Move_activity_events_into_blocks",
                "6", "dev.sentinel.persistence.jdbi.V6__Move_revoked_tokens_out_of_settings");
        try (var connection = old.getConfiguration().getDataSource().getConnection();
             var update = connection.prepareStatement(
                     "UPDATE \"flyway_schema_history\" SET \"script\" = ? WHERE \"version\" = ?")) {
            for (Map.Entry<String, String> former : formerScripts.entrySet()) {
                update.setString(1, former.getValue());
                update.setString(2, former.getKey());
                assertThat(update.executeUpdate()).as("history row of version " + former.getKey()).isEqualTo(1);
            }
        } catch (java.sql.SQLException failure) {
            throw new IllegalStateException(failure);
        }

        try (JdbiStorage storage = JdbiStorage.open(config)) {
            assertThat(storage.read((StorageSession session) -> session.passes().find(new PassId("SP-2025-OLD001"))))
                    .isPresent();
            List<Map.Entry<String, String>> scripts = TestDatabases.jdbi(storage).withHandle(handle -> handle.createQuery(
                    "SELECT \"version\", \"script\" FROM \"flyway_schema_history\" WHERE \"version\" IN ('4', '6', '10') "
                            + "AND \"success\"").map((row, context) -> Map.entry(row.getString(1), row.getString(2))).list());
            assertThat(scripts).as("applied rows are left as they were; version 10 is applied")
                    .containsAll(formerScripts.entrySet()).extracting(Map.Entry::getKey).contains("10");
        }
        ValidateResult validation = Migrations.configure(asOwnerAfterwards.get()).load().validateWithResult();
        assertThat(validation.validationSuccessful).as(String.valueOf(validation.invalidMigrations)).isTrue();
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
