package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.SessionsContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Sessions contract against PostgreSQL. */
class PostgresSessionsContractTest extends SessionsContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
