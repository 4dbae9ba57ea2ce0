package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.AccountsContract;
import dev.sentinel.core.port.out.Storage;

class InMemoryAccountsContractTest extends AccountsContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
