package dev.sentinel.core.memory;

import dev.sentinel.core.port.StorageTransactionContract;
import dev.sentinel.core.port.Storage;

class InMemoryStorageTransactionContractTest extends StorageTransactionContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
