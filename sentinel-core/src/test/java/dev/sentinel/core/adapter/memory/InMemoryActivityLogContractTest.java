package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.ActivityLogContract;
import dev.sentinel.core.port.out.Storage;

class InMemoryActivityLogContractTest extends ActivityLogContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
