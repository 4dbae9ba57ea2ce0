package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.TokenLifecycleContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token lifecycle contract against PostgreSQL. */
class PostgresTokenLifecycleContractTest extends TokenLifecycleContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
