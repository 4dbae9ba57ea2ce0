package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.UsedAssertionsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The replay cache of client assertions against H2. */
class H2UsedAssertionsContractTest extends UsedAssertionsContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
