package dev.sentinel.persistence.jdbi.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.StorageException;
import dev.sentinel.core.fixtures.TestServices;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import dev.sentinel.persistence.jdbi.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The data directory's H2 database belongs to its OS user alone: owner-only files, per-install passwords instead of
 * {@code sa} with none, and a runtime user that cannot reach the host's files through SQL.
 */
class EmbeddedH2SecurityTest {

    @TempDir
    Path tempDir;

    @Test
    void aNewStoreIsCreatedOwnerOnly() throws IOException {
        Path dataDir = tempDir.resolve("new");
        try (JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(dataDir))) {
            assertThat(mode(dataDir)).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(dataDir)) {
                assertThat(files.toList()).as("database, lock and credentials files")
                        .extracting(file -> file.getFileName().toString())
                        .contains("sentinel.mv.db", "sentinel.lock.db", H2Credentials.FILE_NAME);
            }
            try (Stream<Path> files = Files.list(dataDir)) {
                files.forEach(file -> assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------"));
            }
        }
    }

    @Test
    void aLooserDirectoryAndItsFilesAreTightenedAtStart() throws IOException {
        Path dataDir = Files.createDirectory(tempDir.resolve("loose"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        JdbiStorage.open(DatabaseConfig.h2(dataDir)).close();
        Files.setPosixFilePermissions(dataDir.resolve("sentinel.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));

        JdbiStorage.open(DatabaseConfig.h2(dataDir)).close();

        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve("sentinel.mv.db"))).isEqualTo("rw-------");
    }

    @Test
    void theEmptyDefaultPasswordNoLongerOpensTheDatabase() {
        Path dataDir = tempDir.resolve("store");
        JdbiStorage.open(DatabaseConfig.h2(dataDir)).close();

        assertThatThrownBy(() -> DriverManager.getConnection(LegacyH2.url(dataDir), LegacyH2.USER, LegacyH2.PASSWORD).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
        assertThatThrownBy(() -> DriverManager.getConnection(LegacyH2.url(dataDir), EmbeddedH2.RUNTIME_USER, "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
    }

    @Test
    void aDatabaseOfTheLastReleaseGetsPasswordsOnFirstOpenAndKeepsItsData() throws SQLException {
        Path dataDir = tempDir.resolve("release");
        PassId passId = lastReleaseStoreWithAPass(dataDir);
        assertThat(dataDir.resolve(H2Credentials.FILE_NAME)).doesNotExist();

        try (JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(dataDir))) {
            assertThat(storage.read((StorageSession session) -> session.passes().find(passId))).isPresent();
        }

        assertThat(mode(dataDir.resolve(H2Credentials.FILE_NAME))).isEqualTo("rw-------");
        assertThatThrownBy(() -> DriverManager.getConnection(LegacyH2.url(dataDir), LegacyH2.USER, LegacyH2.PASSWORD).close())
                .isInstanceOf(SQLException.class);
        String owner = H2Credentials.load(dataDir).orElseThrow().ownerPassword();
        try (Connection connection = DriverManager.getConnection(LegacyH2.url(dataDir), EmbeddedH2.OWNER, owner)) {
            assertThat(connection.isValid(1)).isTrue();
        }
        try (JdbiStorage reopened = JdbiStorage.openExisting(DatabaseConfig.h2(dataDir))) {
            assertThat(reopened.read((StorageSession session) -> session.passes().find(passId))).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT FILE_READ('/etc/hostname')",
        "SELECT FILE_WRITE('x', '%s/written')",
        "SELECT * FROM CSVREAD('/etc/hostname')",
        "CALL CSVWRITE('%s/written.csv', 'SELECT 1')",
        "CREATE LINKED TABLE linked('', 'jdbc:h2:mem:other', 'sa', '', 'T')",
        "SELECT LINK_SCHEMA('L', '', 'jdbc:h2:mem:other', 'sa', '', 'PUBLIC')",
        "RUNSCRIPT FROM '/etc/hostname'",
        "SCRIPT TO '%s/dump.sql'",
        "BACKUP TO '%s/copy.zip'",
        "CREATE ALIAS GETENV FOR 'java.lang.System.getenv'",
        "ALTER USER SA SET PASSWORD 'taken'",
        "CREATE USER INTRUDER PASSWORD 'x' ADMIN",
        "DROP TABLE passes",
        "SET WRITE_DELAY 1000"})
    void theRuntimeUserCannotReachFilesOrChangeTheDatabase(String statement) throws IOException {
        Path dataDir = tempDir.resolve("store");
        try (JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(dataDir))) {
            String sql = statement.formatted(tempDir);
            assertThatThrownBy(() -> TestDatabases.jdbi(storage).useHandle(handle -> handle.execute(sql)))
                    .hasStackTraceContaining("SQL statement");
            String user = TestDatabases.jdbi(storage).withHandle(EmbeddedH2SecurityTest::currentUser);
            assertThat(user).isEqualTo(EmbeddedH2.RUNTIME_USER);
        }
        try (Stream<Path> files = Files.list(tempDir)) {
            assertThat(files.map(file -> file.getFileName().toString()).toList()).containsExactly("store");
        }
    }

    @Test
    void commitsStillReachTheFileBeforeTheyReturn() {
        try (JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(tempDir.resolve("store")))) {
            List<String> writeDelay = TestDatabases.jdbi(storage).withHandle(handle -> handle.createQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")
                    .mapTo(String.class).list());
            assertThat(writeDelay).as("the stored setting and the one in force").containsExactly("0", "0");
        }
    }

    @Test
    void openingAnExistingStoreWhereThereIsNoneCreatesNothing() {
        Path nowhere = tempDir.resolve("typo");

        assertThatThrownBy(() -> JdbiStorage.openExisting(DatabaseConfig.h2(nowhere)))
                .isInstanceOf(StorageException.class)
                .hasMessage("no Sentinel store in " + nowhere + " (it holds no sentinel.mv.db); "
                        + "'sentinel serve' or 'sentinel pass create' makes one");
        assertThat(nowhere).doesNotExist();

        Path empty = tempDir.resolve("empty");
        assertThatThrownBy(() -> JdbiStorage.openExisting(DatabaseConfig.h2(tempDir))).isInstanceOf(StorageException.class);
        assertThat(tempDir.toFile().list()).doesNotContain(H2Credentials.FILE_NAME, "sentinel.mv.db");
        assertThat(empty).doesNotExist();
    }

    @Test
    void aLostCredentialsFileIsNamedInsteadOfReplaced() throws IOException {
        Path dataDir = tempDir.resolve("store");
        JdbiStorage.open(DatabaseConfig.h2(dataDir)).close();
        Files.delete(dataDir.resolve(H2Credentials.FILE_NAME));

        assertThatThrownBy(() -> JdbiStorage.open(DatabaseConfig.h2(dataDir)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(dataDir.resolve(H2Credentials.FILE_NAME).toString())
                .hasMessageContaining("the file is missing");
        assertThat(dataDir.resolve(H2Credentials.FILE_NAME)).doesNotExist();
    }

    @Test
    void aDirectoryOwnedByAnotherUserIsRefusedWithItsOwnersName() throws IOException {
        Path dataDir = Files.createDirectory(tempDir.resolve("theirs"));
        UserPrincipal nobody;
        try {
            nobody = dataDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(dataDir, nobody);
        } catch (IOException notRoot) {
            Assumptions.abort("giving a directory to user nobody needs root (" + notRoot.getMessage() + ")");
            return;
        }

        assertThatThrownBy(() -> JdbiStorage.open(DatabaseConfig.h2(dataDir)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("data directory " + dataDir + " belongs to nobody")
                .hasMessageContaining("run Sentinel as nobody");
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.toList()).as("nothing left behind for the rightful owner to trip over").isEmpty();
        }
    }

    @Test
    void anOnlineBackupHoldsTheDatabaseAndItsPasswordsOnlyForItsOwner() throws IOException {
        Path dataDir = tempDir.resolve("store");
        Path target = tempDir.resolve("backup.zip");
        PassId passId;
        try (JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(dataDir))) {
            CreatedPass created = TestServices.passService(storage).create(TestServices.aCreateCommand());
            passId = created.pass().passId();
            Files.writeString(dataDir.resolve("key-encryption.key"), "not to be copied");

            assertThat(storage.backup(target)).isPositive();
            assertThatThrownBy(() -> storage.backup(target)).hasMessageContaining("it exists already");
        }

        assertThat(mode(target)).isEqualTo("rw-------");
        Path restored = Files.createDirectory(tempDir.resolve("restored"));
        List<String> entries = extract(target, restored);
        assertThat(entries).containsExactlyInAnyOrder("sentinel.mv.db", H2Credentials.FILE_NAME);
        try (JdbiStorage storage = JdbiStorage.openExisting(DatabaseConfig.h2(restored))) {
            assertThat(storage.read((StorageSession session) -> session.passes().find(passId))).isPresent();
        }
        try (Stream<Path> leftovers = Files.list(dataDir)) {
            assertThat(leftovers.map(file -> file.getFileName().toString())).noneMatch(name -> name.startsWith(".backup"));
        }
    }

    @Test
    void postgresIsBackedUpWithItsOwnTools() {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema();
             JdbiStorage storage = JdbiStorage.open(schema.config())) {
            assertThatThrownBy(() -> storage.backup(tempDir.resolve("pg.zip"))).hasMessageContaining("pg_dump");
        }
    }

    /** A store as release 74bd9b5 made it: every migration run as {@code sa} with an empty password, one pass in it. */
    private static PassId lastReleaseStoreWithAPass(Path dataDir) {
        DatabaseConfig lastRelease = TestDatabases.ignoringEnvironment(LegacyH2.url(dataDir), LegacyH2.USER,
                LegacyH2.PASSWORD);
        try (JdbiStorage legacy = JdbiStorage.open(lastRelease)) {
            return TestServices.passService(legacy).create(TestServices.aCreateCommand()).pass().passId();
        }
    }

    private static List<String> extract(Path zip, Path into) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
                Files.copy(in, into.resolve(entry.getName()));
            }
        }
        return names;
    }

    private static String currentUser(Handle handle) {
        return handle.createQuery("SELECT CURRENT_USER").mapTo(String.class).one();
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }
}
