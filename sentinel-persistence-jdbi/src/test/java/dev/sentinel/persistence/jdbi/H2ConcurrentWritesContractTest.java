package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.ConcurrentWritesContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The concurrent writes contract against H2. */
class H2ConcurrentWritesContractTest extends ConcurrentWritesContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
