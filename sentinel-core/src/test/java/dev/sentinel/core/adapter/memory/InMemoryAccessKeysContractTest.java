package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.AccessKeysContract;
import dev.sentinel.core.port.out.Storage;

class InMemoryAccessKeysContractTest extends AccessKeysContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
