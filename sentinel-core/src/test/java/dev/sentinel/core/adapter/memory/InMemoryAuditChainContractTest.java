package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.AuditChainContract;
import dev.sentinel.core.port.out.Storage;

class InMemoryAuditChainContractTest extends AuditChainContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
