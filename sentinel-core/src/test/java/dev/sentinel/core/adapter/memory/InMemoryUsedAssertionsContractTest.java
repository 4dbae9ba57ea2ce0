package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.UsedAssertionsContract;

class InMemoryUsedAssertionsContractTest extends UsedAssertionsContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
