package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.ResourcesContract;

class InMemoryResourcesContractTest extends ResourcesContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
