package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.StorageTransactionContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The storage transaction contract against PostgreSQL. */
class PostgresStorageTransactionContractTest extends StorageTransactionContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
