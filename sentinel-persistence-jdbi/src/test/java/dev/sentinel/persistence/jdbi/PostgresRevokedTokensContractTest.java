package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.RevokedTokensContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The revoked tokens contract against PostgreSQL. */
class PostgresRevokedTokensContractTest extends RevokedTokensContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
