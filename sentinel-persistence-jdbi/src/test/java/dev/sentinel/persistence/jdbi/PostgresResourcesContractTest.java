package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.ResourcesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Resources contract against PostgreSQL. */
class PostgresResourcesContractTest extends ResourcesContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
