package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.SettingsContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The settings contract against H2. */
class H2SettingsContractTest extends SettingsContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.H2;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
