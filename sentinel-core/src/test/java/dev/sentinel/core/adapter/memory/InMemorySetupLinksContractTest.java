package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.SetupLinksContract;
import dev.sentinel.core.port.out.Storage;

class InMemorySetupLinksContractTest extends SetupLinksContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
