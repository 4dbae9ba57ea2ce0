package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.AccountsContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Accounts contract against H2. */
class H2AccountsContractTest extends AccountsContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
