package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.TrustPoliciesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TrustPolicies contract against PostgreSQL. */
class PostgresTrustPoliciesContractTest extends TrustPoliciesContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
