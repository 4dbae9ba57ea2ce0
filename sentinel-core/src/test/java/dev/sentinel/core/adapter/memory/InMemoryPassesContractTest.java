package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.PassesContract;
import dev.sentinel.core.port.out.Storage;

class InMemoryPassesContractTest extends PassesContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
