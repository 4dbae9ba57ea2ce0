package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.AuditChainContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AuditChain contract against PostgreSQL. */
class PostgresAuditChainContractTest extends AuditChainContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
