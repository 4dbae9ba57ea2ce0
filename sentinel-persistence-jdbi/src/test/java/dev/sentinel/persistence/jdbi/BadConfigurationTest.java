package dev.sentinel.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sentinel.core.domain.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that cannot be opened says why in one line, quickly, without secrets or a stack trace. */
class BadConfigurationTest {

    @TempDir
    Path tempDir;

    @Test
    void anUnreachableServerFailsFastWithOneLine() {
        Instant start = Instant.now();
        StorageException failure = openFails(DatabaseConfig.postgres("jdbc:postgresql://127.0.0.1:1/sentinel",
                "sentinel", "hunter2-password"));

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
        assertThat(failure.getMessage()).contains("jdbc:postgresql://127.0.0.1:1/sentinel").containsIgnoringCase("refused");
        assertOneLineWithout(failure, "hunter2-password");
    }

    @Test
    void aWrongPasswordIsNamedAsSuch() {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            StorageException failure = openFails(DatabaseConfig.postgres(schema.url(), schema.user(), "not-the-password"));

            assertThat(failure.getMessage()).contains("password authentication failed");
            assertOneLineWithout(failure, "not-the-password");
        }
    }

    @Test
    void aWrongPasswordForTheEmbeddedDatabaseIsNamedAsSuch() {
        JdbiStorage.open(DatabaseConfig.h2(tempDir)).close();
        String url = DatabaseConfig.h2(tempDir).jdbcUrl();

        StorageException failure = openFails(DatabaseConfig.fromOptions(null, url, "sa", "guess", name -> null));

        assertThat(failure.getMessage()).containsIgnoringCase("password");
        assertOneLineWithout(failure, "guess");
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(tempDir.resolve("not-a-dir"), "x");

        StorageException failure = openFails(DatabaseConfig.h2(file));

        assertThat(failure.getMessage()).contains(file.toString()).contains("not a directory");
        assertOneLineWithout(failure, "\tat ");
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsRefused() throws IOException {
        Path file = Files.writeString(tempDir.resolve("blocker"), "x");
        Path below = file.resolve("data");

        StorageException failure = openFails(DatabaseConfig.h2(below));

        assertThat(failure.getMessage()).isEqualTo("cannot create data directory " + below + ": not a directory");
        assertOneLineWithout(failure, "\tat ");
    }

    @Test
    void aUrlOfAnotherDatabaseIsRejectedByName() {
        assertThatThrownBy(() -> DatabaseConfig.fromOptions(null, "jdbc:mysql://db/sentinel", "u", "p", name -> null))
                .hasMessageContaining("db_url").hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void aPasswordInsideAUrlIsNeverShown() {
        assertThatThrownBy(() -> DatabaseConfig.fromOptions(null, "postgres://sentinel:hunter2-password@db/sentinel", null,
                null, name -> null))
                .hasMessageContaining("postgres://***@db/sentinel").hasMessageNotContaining("hunter2-password");

        StorageException userInfo = openFails(DatabaseConfig.postgres(
                "jdbc:postgresql://sentinel:hunter2-password@127.0.0.1:1/sentinel", "sentinel", ""));
        assertOneLineWithout(userInfo, "hunter2-password");
        StorageException parameter = openFails(DatabaseConfig.postgres(
                "jdbc:postgresql://127.0.0.1:1/sentinel?user=sentinel&password=hunter2-password", null, null));
        assertOneLineWithout(parameter, "hunter2-password");
    }

    @Test
    void aSchemaNamedInTheUrlMustExistAndIsNotCreated() {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            String missing = schema.schema() + "_missing";
            StorageException failure = openFails(DatabaseConfig.postgres(
                    schema.url() + (schema.url().contains("?") ? "&" : "?") + "currentSchema=" + missing,
                    schema.user(), schema.password()));

            assertThat(failure.getMessage()).contains("no schema of its search path (" + missing + ") exists");
            assertOneLineWithout(failure, "\tat ");
            assertThat(schema.schemaExists(missing)).isFalse();
        }
    }

    @Test
    void anEmptyPostgresSchemaIsNoStoreForCommandsThatOnlyReadOrChange() {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema()) {
            assertThatThrownBy(() -> JdbiStorage.openExisting(schema.config()))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("no Sentinel store in the ")
                    .hasMessageContaining("(schema " + schema.schema() + " has no Sentinel tables)");
            assertThat(schema.tableCount()).isZero();

            JdbiStorage.open(schema.config()).close();
            JdbiStorage.openExisting(schema.config()).close();
            assertThat(schema.tableCount()).isPositive();
        }
    }

    private static StorageException openFails(DatabaseConfig config) {
        StorageException failure = catchThrowableOfType(StorageException.class, () -> JdbiStorage.open(config).close());
        assertThat(failure).as("opening %s must fail", config).isNotNull();
        return failure;
    }

    private static void assertOneLineWithout(StorageException failure, String forbidden) {
        assertThat(failure.getMessage()).doesNotContain("\n").doesNotContain(forbidden).hasSizeLessThan(500);
    }
}
