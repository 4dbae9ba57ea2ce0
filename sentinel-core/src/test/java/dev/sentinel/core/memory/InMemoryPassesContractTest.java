package dev.sentinel.core.memory;

import dev.sentinel.core.port.PassesContract;
import dev.sentinel.core.port.Storage;

class InMemoryPassesContractTest extends PassesContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
