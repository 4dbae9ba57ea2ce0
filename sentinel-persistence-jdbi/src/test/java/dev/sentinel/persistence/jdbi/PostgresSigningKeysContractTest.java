package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.SigningKeysContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The signing keys contract against PostgreSQL. */
class PostgresSigningKeysContractTest extends SigningKeysContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
