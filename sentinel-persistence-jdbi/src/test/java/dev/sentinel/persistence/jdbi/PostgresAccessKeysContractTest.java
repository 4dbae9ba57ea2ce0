package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.AccessKeysContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AccessKeys contract against PostgreSQL. */
class PostgresAccessKeysContractTest extends AccessKeysContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
