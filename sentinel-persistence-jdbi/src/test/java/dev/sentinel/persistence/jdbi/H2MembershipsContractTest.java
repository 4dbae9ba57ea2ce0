package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.MembershipsContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Memberships contract against H2. */
class H2MembershipsContractTest extends MembershipsContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
