package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.SigningKeysContract;
import dev.sentinel.core.port.out.Storage;

class InMemorySigningKeysContractTest extends SigningKeysContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
