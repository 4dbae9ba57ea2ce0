package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.ResourcesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Resources contract against H2. */
class H2ResourcesContractTest extends ResourcesContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
