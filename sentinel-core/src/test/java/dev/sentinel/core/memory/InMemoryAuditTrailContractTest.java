package dev.sentinel.core.memory;

import dev.sentinel.core.port.AuditTrailContract;
import dev.sentinel.core.port.Storage;

class InMemoryAuditTrailContractTest extends AuditTrailContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
