package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.PassesContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The passes contract against PostgreSQL. */
class PostgresPassesContractTest extends PassesContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
