package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.AgentUsersContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent users contract against H2. */
class H2AgentUsersContractTest extends AgentUsersContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
