package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.ProjectsContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Projects contract against PostgreSQL. */
class PostgresProjectsContractTest extends ProjectsContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
