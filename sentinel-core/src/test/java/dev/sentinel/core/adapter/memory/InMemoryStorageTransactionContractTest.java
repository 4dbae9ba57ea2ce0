package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageTransactionContract;

class InMemoryStorageTransactionContractTest extends StorageTransactionContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
