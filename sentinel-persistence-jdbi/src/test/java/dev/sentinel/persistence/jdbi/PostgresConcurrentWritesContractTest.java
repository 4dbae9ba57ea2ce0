package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.ConcurrentWritesContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The concurrent writes contract against PostgreSQL. */
class PostgresConcurrentWritesContractTest extends ConcurrentWritesContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
