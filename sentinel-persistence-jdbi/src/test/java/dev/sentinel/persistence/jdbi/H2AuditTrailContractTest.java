package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.AuditTrailContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit trail contract against H2. */
class H2AuditTrailContractTest extends AuditTrailContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
