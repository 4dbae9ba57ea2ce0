package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.AuditChainContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AuditChain contract against H2. */
class H2AuditChainContractTest extends AuditChainContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
