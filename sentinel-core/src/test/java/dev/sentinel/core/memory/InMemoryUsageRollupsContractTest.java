package dev.sentinel.core.memory;

import dev.sentinel.core.port.UsageRollupsContract;
import dev.sentinel.core.port.Storage;

class InMemoryUsageRollupsContractTest extends UsageRollupsContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
