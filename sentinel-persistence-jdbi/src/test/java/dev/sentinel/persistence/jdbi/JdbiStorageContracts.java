package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.ActivityLogContract;
import dev.sentinel.core.port.out.AgentUsersContract;
import dev.sentinel.core.port.out.ConcurrentWritesContract;
import dev.sentinel.core.port.out.IngestReceiptsContract;
import dev.sentinel.core.port.out.AuditTrailContract;
import dev.sentinel.core.port.out.PassesContract;
import dev.sentinel.core.port.out.RevokedTokensContract;
import dev.sentinel.core.port.out.SettingsContract;
import dev.sentinel.core.port.out.SigningKeysContract;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageTransactionContract;
import dev.sentinel.core.port.out.TokenLifecycleContract;
import dev.sentinel.core.port.out.UsageRollupsContract;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every core storage contract against one {@link JdbiStorage}, opened once per database by the subclass and emptied
 * before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbiStorageContracts {

    protected JdbiStorage storage;
    /** Why there is no store to test, when there is none. */
    protected String unavailable = "no store was opened";

    @BeforeEach
    void startEmpty() {
        Assumptions.assumeTrue(storage != null, () -> unavailable);
        TestDatabases.clean(storage);
    }

    /** The store under test was migrated to the newest version there is, every migration successfully. */
    @Test
    void everyMigrationIsApplied() throws Exception {
        java.util.Set<String> shipped = new java.util.TreeSet<>();
        java.nio.file.Path sql = java.nio.file.Path.of(JdbiStorage.class.getResource("/db/migration").toURI());
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(sql)) {
            files.map(file -> file.getFileName().toString()).filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .forEach(name -> shipped.add(name.substring(1, name.indexOf("__"))));
        }
        shipped.addAll(java.util.List.of("4", "6")); // the Java migrations

        java.util.List<String> applied = storage.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL").mapTo(String.class).list());
        long failed = storage.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE NOT \"success\"").mapTo(Long.class).one());

        org.assertj.core.api.Assertions.assertThat(new java.util.TreeSet<>(applied)).isEqualTo(shipped);
        org.assertj.core.api.Assertions.assertThat(failed).isZero();
    }

    @Nested
    class AgentUsers extends AgentUsersContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class Passes extends PassesContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class ActivityLog extends ActivityLogContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class UsageRollups extends UsageRollupsContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class SigningKeys extends SigningKeysContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class AuditTrail extends AuditTrailContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class Settings extends SettingsContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class RevokedTokens extends RevokedTokensContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class TokenLifecycle extends TokenLifecycleContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class IngestReceipts extends IngestReceiptsContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class ConcurrentWrites extends ConcurrentWritesContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }

    @Nested
    class Transactions extends StorageTransactionContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }
}
