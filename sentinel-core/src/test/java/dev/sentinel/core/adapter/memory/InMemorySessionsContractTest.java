package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.SessionsContract;
import dev.sentinel.core.port.out.Storage;

class InMemorySessionsContractTest extends SessionsContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
