package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.PassesContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The passes contract against H2. */
class H2PassesContractTest extends PassesContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
