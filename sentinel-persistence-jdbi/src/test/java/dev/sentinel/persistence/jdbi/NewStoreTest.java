package dev.sentinel.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store says whether its open created it, and making one leaves nothing behind but the store. */
class NewStoreTest {

    @TempDir
    Path tempDir;

    @Test
    void anH2StoreIsCreatedOnceAndItsFirstOpenLeavesNoTraceFile() {
        Path dataDir = tempDir.resolve("data");
        try (JdbiStorage first = JdbiStorage.open(DatabaseConfig.h2(dataDir))) {
            assertThat(first.created()).isTrue();
        }
        try (JdbiStorage again = JdbiStorage.open(DatabaseConfig.h2(dataDir));
             JdbiStorage existing = JdbiStorage.openExisting(DatabaseConfig.h2(dataDir))) {
            assertThat(again.created()).isFalse();
            assertThat(existing.created()).isFalse();
        }
        // H2 writes every failed statement to sentinel.trace.db; a new store's first open must run none. (Under -ea, as
        // here, H2 2.3.232 may also trace an internal assertion of its compaction on close, which a run of the jar
        // never enables: the built-jar test ConsoleOutputIT checks that no trace file is left at all.)
        assertThat(read(dataDir.resolve("sentinel.trace.db"))).doesNotContain("flyway_schema_history")
                .doesNotContain("not found");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException missing) {
            return "";
        }
    }

    @Test
    void aPostgresStoreIsCreatedInAnEmptySchemaEvenWhenAnotherSchemaHoldsOne() {
        try (TestDatabases.PostgresSchema other = TestDatabases.postgresSchema();
             TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            JdbiStorage.open(other.config()).close();
            try (JdbiStorage first = JdbiStorage.open(schema.config())) {
                assertThat(first.created()).isTrue();
            }
            try (JdbiStorage again = JdbiStorage.open(schema.config())) {
                assertThat(again.created()).isFalse();
            }
        }
    }
}
