package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.ProjectsContract;
import dev.sentinel.core.port.out.Storage;

class InMemoryProjectsContractTest extends ProjectsContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
