package dev.sentinel.core.memory;

import dev.sentinel.core.port.TokenLifecycleContract;
import dev.sentinel.core.port.Storage;

class InMemoryTokenLifecycleContractTest extends TokenLifecycleContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
