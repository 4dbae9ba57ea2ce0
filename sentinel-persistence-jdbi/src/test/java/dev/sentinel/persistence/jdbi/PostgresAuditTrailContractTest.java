package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.AuditTrailContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit trail contract against PostgreSQL. */
class PostgresAuditTrailContractTest extends AuditTrailContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
