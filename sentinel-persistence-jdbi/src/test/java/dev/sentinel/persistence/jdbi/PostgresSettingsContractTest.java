package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.SettingsContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The settings contract against PostgreSQL. */
class PostgresSettingsContractTest extends SettingsContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
