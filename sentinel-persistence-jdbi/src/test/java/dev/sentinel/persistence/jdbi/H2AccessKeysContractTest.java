package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.AccessKeysContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AccessKeys contract against H2. */
class H2AccessKeysContractTest extends AccessKeysContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
