package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.ActivityLogContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The activity log contract against PostgreSQL. */
class PostgresActivityLogContractTest extends ActivityLogContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
