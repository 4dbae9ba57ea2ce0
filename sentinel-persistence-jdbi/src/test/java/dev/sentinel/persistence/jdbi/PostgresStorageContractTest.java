package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.ActivityLogContract;
import dev.sentinel.core.port.AgentUsersContract;
import dev.sentinel.core.port.AuditTrailContract;
import dev.sentinel.core.port.PassesContract;
import dev.sentinel.core.port.SettingsContract;
import dev.sentinel.core.port.SigningKeysContract;
import dev.sentinel.core.port.Storage;
import dev.sentinel.core.port.StorageTransactionContract;
import dev.sentinel.core.port.UsageRollupsContract;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/** Every core storage contract against PostgreSQL, in a schema of its own (skipped without SENTINEL_TEST_PG_URL unless SENTINEL_TEST_REQUIRE_PG=true). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStorageContractTest {

    private TestDatabases.PostgresSchema schema;
    private JdbiStorage storage;

    @BeforeAll
    void open() {
        schema = TestDatabases.postgresSchema();
        storage = JdbiStorage.open(schema.config());
    }

    @AfterAll
    void close() {
        if (storage != null) {
            storage.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @BeforeEach
    void startEmpty() {
        TestDatabases.clean(storage);
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
    class Transactions extends StorageTransactionContract {
        @Override
        protected Storage storage() {
            return storage;
        }
    }
}
