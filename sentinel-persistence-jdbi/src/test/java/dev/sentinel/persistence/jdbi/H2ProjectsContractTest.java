package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.ProjectsContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Projects contract against H2. */
class H2ProjectsContractTest extends ProjectsContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
