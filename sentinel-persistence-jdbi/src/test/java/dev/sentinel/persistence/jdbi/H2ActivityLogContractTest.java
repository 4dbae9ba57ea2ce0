package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.ActivityLogContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The activity log contract against H2. */
class H2ActivityLogContractTest extends ActivityLogContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
