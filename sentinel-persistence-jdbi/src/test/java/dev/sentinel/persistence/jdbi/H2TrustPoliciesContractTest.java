package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.TrustPoliciesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TrustPolicies contract against H2. */
class H2TrustPoliciesContractTest extends TrustPoliciesContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
