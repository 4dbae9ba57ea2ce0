package dev.sentinel.persistence.jdbi;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every core storage contract against an H2 file database in a temporary directory. */
class H2StorageContractTest extends JdbiStorageContracts {

    @TempDir
    static Path dataDir;

    @BeforeAll
    void open() {
        storage = JdbiStorage.open(DatabaseConfig.h2(dataDir));
    }

    @AfterAll
    void close() {
        storage.close();
    }
}
