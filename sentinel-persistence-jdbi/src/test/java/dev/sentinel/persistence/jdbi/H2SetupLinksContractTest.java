package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.SetupLinksContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SetupLinks contract against H2. */
class H2SetupLinksContractTest extends SetupLinksContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
