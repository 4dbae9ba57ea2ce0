package dev.sentinel.persistence.jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * The stores the core storage contracts run against: one per database, opened on first use and shared by every
 * contract class in this test run (opening and migrating a store per class would cost more than the tests), emptied
 * before each test (as an extension, so before the contract's own set-up), and closed when the test JVM exits. One
 * top-level class per contract and database, rather than nested classes, so that the test reports count every test.
 */
public enum ContractStores implements BeforeEachCallback {

    H2 {
        @Override
        Opened open() throws IOException {
            Path dataDir = Files.createTempDirectory("sentinel-contract-h2");
            JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(dataDir));
            return new Opened(storage, () -> {
                storage.close();
                deleteTree(dataDir);
            });
        }
    },

    POSTGRES {
        @Override
        Opened open() {
            TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema();
            JdbiStorage storage = JdbiStorage.open(schema.config());
            return new Opened(storage, () -> {
                storage.close();
                schema.close();
            });
        }
    };

    private record Opened(JdbiStorage storage, Runnable close) {
    }

    private Opened opened;
    /** Why the store could not be opened (a skip without a server, or a failure), remembered for every later test. */
    private Throwable unavailable;

    abstract Opened open() throws Exception;

    /** Every test starts with the store empty; without a PostgreSQL server each test is reported skipped with the reason. */
    @Override
    public void beforeEach(ExtensionContext context) {
        TestDatabases.clean(storage());
    }

    /** The store, opened on first use. */
    public synchronized JdbiStorage storage() {
        if (opened == null && unavailable == null) {
            try {
                opened = open();
                Runtime.getRuntime().addShutdownHook(new Thread(opened.close(), "close-contract-store-" + name()));
            } catch (Throwable failure) {
                unavailable = failure;
            }
        }
        if (unavailable instanceof TestAbortedException skipped) {
            throw new TestAbortedException(skipped.getMessage());
        }
        if (unavailable != null) {
            throw new IllegalStateException(name() + " contract store could not be opened: " + unavailable.getMessage(), unavailable);
        }
        return opened.storage();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
