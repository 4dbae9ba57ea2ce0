package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.SessionsContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Sessions contract against H2. */
class H2SessionsContractTest extends SessionsContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
