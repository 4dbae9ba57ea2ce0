package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.AgentUsersContract;
import dev.sentinel.core.port.out.Storage;

class InMemoryAgentUsersContractTest extends AgentUsersContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
