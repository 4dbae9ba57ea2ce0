package dev.sentinel.persistence.jdbi.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.persistence.jdbi.ContractStores;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import dev.sentinel.persistence.jdbi.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A new store is migrated to the newest version there is, every migration successfully, on each database, and that
 * version is the one opening compares with to skip Flyway.
 */
class AppliedMigrationsTest {

    /** The Java migrations, which have no SQL file. */
    private static final List<String> JAVA_MIGRATIONS = List.of("4", "6");

    @Test
    void everyMigrationIsAppliedOnH2() throws Exception {
        assertEveryMigrationApplied(ContractStores.H2.storage());
    }

    @Test
    void everyMigrationIsAppliedOnPostgres() throws Exception {
        assertEveryMigrationApplied(ContractStores.POSTGRES.storage());
    }

    private static void assertEveryMigrationApplied(JdbiStorage storage) throws Exception {
        Set<String> shipped = new TreeSet<>(JAVA_MIGRATIONS);
        Path sql = Path.of(JdbiStorage.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(sql)) {
            files.map(file -> file.getFileName().toString()).filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .forEach(name -> shipped.add(name.substring(1, name.indexOf("__"))));
        }

        List<String> applied = TestDatabases.jdbi(storage).withHandle(handle -> handle.createQuery(
                "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL").mapTo(String.class).list());
        long failed = TestDatabases.jdbi(storage).withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE NOT \"success\"").mapTo(Long.class).one());

        assertThat(new TreeSet<>(applied)).isEqualTo(shipped);
        assertThat(failed).isZero();
        // opening skips Flyway when the history ends at LATEST_VERSION: it must be the newest shipped
        assertThat(shipped.stream().mapToInt(Integer::parseInt).max().orElseThrow())
                .as("Migrations.LATEST_VERSION").isEqualTo(Migrations.LATEST_VERSION);
        boolean current = TestDatabases.jdbi(storage).withHandle(handle -> Migrations.isCurrent(handle.getConnection()));
        assertThat(current).isTrue();
    }
}
