package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.StorageTransactionContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The storage transaction contract against H2. */
class H2StorageTransactionContractTest extends StorageTransactionContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
