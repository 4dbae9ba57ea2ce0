package dev.sentinel.core.memory;

import dev.sentinel.core.port.ActivityLogContract;
import dev.sentinel.core.port.Storage;

class InMemoryActivityLogContractTest extends ActivityLogContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
