package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.SetupLinksContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SetupLinks contract against PostgreSQL. */
class PostgresSetupLinksContractTest extends SetupLinksContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
