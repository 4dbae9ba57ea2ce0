package dev.sentinel.core.memory;

import dev.sentinel.core.port.SigningKeysContract;
import dev.sentinel.core.port.Storage;

class InMemorySigningKeysContractTest extends SigningKeysContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
