package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.AuditTrailContract;
import dev.sentinel.core.port.out.Storage;

class InMemoryAuditTrailContractTest extends AuditTrailContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
