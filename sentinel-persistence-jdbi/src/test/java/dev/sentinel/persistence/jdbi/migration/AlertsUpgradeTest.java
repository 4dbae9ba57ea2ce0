package dev.sentinel.persistence.jdbi.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.alert.AlertService;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.alert.AlertKind;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import dev.sentinel.persistence.jdbi.TestDatabases;
import dev.sentinel.persistence.jdbi.h2.LegacyH2;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store of today's schema (version 16) with a pass valid until 2027-01-01, opened by this version (alerts, V20): the
 * pass is kept, and an expiry rule made afterwards fires for it once. On H2 and PostgreSQL.
 */
class AlertsUpgradeTest {

    @TempDir
    Path dataDir;

    @Test
    void aStoreOfTodaysSchemaKeepsItsPassesAndAlertsOnThemOnH2() throws Exception {
        assertUpgrade(DatabaseConfig.h2(dataDir), LegacyH2.url(dataDir), LegacyH2.USER, LegacyH2.PASSWORD);
    }

    @Test
    void aStoreOfTodaysSchemaKeepsItsPassesAndAlertsOnThemOnPostgres() throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            assertUpgrade(schema.config(), schema.config().jdbcUrl(), schema.user(), schema.password());
        }
    }

    private static void assertUpgrade(DatabaseConfig config, String url, String user, String password) throws Exception {
        TodaysStore.create(url, user, password);

        try (JdbiStorage storage = JdbiStorage.open(config)) {
            Clock clock = Clock.fixed(Instant.parse("2026-12-28T00:00:00Z"), ZoneOffset.UTC);
            Sentinel sentinel = Sentinel.builder().storage(storage).clock(clock).build();
            assertThat(sentinel.passes().get(new PassId("SP-2026-OLD001")).pass().project().value()).isEqualTo("legacy");

            AlertService alerts = new AlertService(storage, clock, (project, type, id, data) -> { });
            alerts.createRule(new ProjectId("legacy"), "pass.expiring", List.of(), null, null, null);
            assertThat(alerts.evaluate().fired()).isEqualTo(1);
            assertThat(alerts.alerts(List.of(new ProjectId("legacy")), false, 10)).singleElement().satisfies(alert -> {
                assertThat(alert.kind()).isEqualTo(AlertKind.PASS_EXPIRING);
                assertThat(alert.passId()).isEqualTo(new PassId("SP-2026-OLD001"));
                assertThat(alert.stage()).isEqualTo("7d");
            });
        }
    }
}
