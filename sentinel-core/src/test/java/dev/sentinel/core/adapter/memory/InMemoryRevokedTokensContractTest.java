package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.RevokedTokensContract;
import dev.sentinel.core.port.out.Storage;

class InMemoryRevokedTokensContractTest extends RevokedTokensContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
