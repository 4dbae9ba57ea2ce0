package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.AlertsContract;
import dev.sentinel.core.port.out.Storage;

class InMemoryAlertsContractTest extends AlertsContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
