package dev.sentinel.core.memory;

import dev.sentinel.core.port.RevokedTokensContract;
import dev.sentinel.core.port.Storage;

class InMemoryRevokedTokensContractTest extends RevokedTokensContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
