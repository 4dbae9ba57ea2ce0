package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.UsageRollupsContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The usage rollups contract against PostgreSQL. */
class PostgresUsageRollupsContractTest extends UsageRollupsContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
