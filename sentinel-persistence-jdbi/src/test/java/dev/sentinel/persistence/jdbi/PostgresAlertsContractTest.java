package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.AlertsContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The alerts contract against Postgres. */
class PostgresAlertsContractTest extends AlertsContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
