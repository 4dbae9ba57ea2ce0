package dev.sentinel.persistence.jdbi;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.opentest4j.TestAbortedException;

/** Every core storage contract against PostgreSQL, in a schema of its own (skipped without SENTINEL_TEST_PG_URL unless SENTINEL_TEST_REQUIRE_PG=true). */
class PostgresStorageContractTest extends JdbiStorageContracts {

    private TestDatabases.PostgresSchema schema;

    /** Without a server every test is reported skipped with the reason (an abort here would hide them all). */
    @BeforeAll
    void open() {
        try {
            schema = TestDatabases.postgresSchema();
        } catch (TestAbortedException noServer) {
            unavailable = noServer.getMessage();
            return;
        }
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
