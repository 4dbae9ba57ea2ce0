package dev.sentinel.persistence.jdbi;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every core storage contract against PostgreSQL, in a schema of its own (skipped without SENTINEL_TEST_PG_URL unless SENTINEL_TEST_REQUIRE_PG=true). */
class PostgresStorageContractTest extends JdbiStorageContracts {

    private TestDatabases.PostgresSchema schema;

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
}
