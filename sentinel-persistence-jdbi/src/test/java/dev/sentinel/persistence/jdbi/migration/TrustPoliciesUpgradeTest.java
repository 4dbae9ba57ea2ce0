package dev.sentinel.persistence.jdbi.migration;

import static dev.sentinel.core.fixtures.TestTrustPolicies.aTrustPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.federation.TrustPolicy;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import dev.sentinel.persistence.jdbi.TestDatabases;
import dev.sentinel.persistence.jdbi.h2.LegacyH2;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store of today's release (schema version 16) with a project and a pass, opened by this version (trust policies,
 * V18): the pass is kept, a trust policy for it can be stored and read back, and deleting the pass deletes its
 * policies. On H2 and PostgreSQL.
 */
class TrustPoliciesUpgradeTest {

    @TempDir
    Path dataDir;

    @Test
    void aStoreOfTodaysReleaseTakesTrustPoliciesOnH2() throws Exception {
        assertUpgrade(DatabaseConfig.h2(dataDir), LegacyH2.url(dataDir), LegacyH2.USER, LegacyH2.PASSWORD);
    }

    @Test
    void aStoreOfTodaysReleaseTakesTrustPoliciesOnPostgres() throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            assertUpgrade(schema.config(), schema.config().jdbcUrl(), schema.user(), schema.password());
        }
    }

    private static void assertUpgrade(DatabaseConfig config, String url, String user, String password)
            throws Exception {
        TodaysStore.create(url, user, password);

        try (JdbiStorage storage = JdbiStorage.open(config)) {
            PassId pass = new PassId("SP-2026-OLD001");
            assertThat(storage.read((StorageSession session) -> session.passes().find(pass))).isPresent();
            TrustPolicy policy = aTrustPolicy().inProject("legacy").forPass(pass)
                    .withConditions("/repository", "octo-org/app", "/ref", "refs/heads/main").build();
            storage.inTransaction(session -> {
                session.trustPolicies().add(policy);
                return null;
            });
            assertThat(storage.read((StorageSession session) -> session.trustPolicies().listByProject(new ProjectId("legacy"))))
                    .containsExactly(policy);

            storage.inTransaction(session -> session.passes().delete(pass));

            assertThat(storage.read((StorageSession session) -> session.trustPolicies().find(policy.id()))).isEmpty();
        }
    }
}
