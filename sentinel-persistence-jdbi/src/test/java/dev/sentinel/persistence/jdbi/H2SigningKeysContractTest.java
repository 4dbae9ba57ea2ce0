package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.SigningKeysContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The signing keys contract against H2. */
class H2SigningKeysContractTest extends SigningKeysContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
