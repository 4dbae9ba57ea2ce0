package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.MembershipsContract;
import dev.sentinel.core.port.out.Storage;

class InMemoryMembershipsContractTest extends MembershipsContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
