package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.AccountsContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Accounts contract against PostgreSQL. */
class PostgresAccountsContractTest extends AccountsContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
