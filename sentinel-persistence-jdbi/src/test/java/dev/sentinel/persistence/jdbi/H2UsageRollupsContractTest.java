package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.UsageRollupsContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The usage rollups contract against H2. */
class H2UsageRollupsContractTest extends UsageRollupsContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
