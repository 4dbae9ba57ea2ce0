package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.ConcurrentWritesContract;
import dev.sentinel.core.port.out.Storage;

class InMemoryConcurrentWritesContractTest extends ConcurrentWritesContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
