package dev.sentinel.core.memory;

import dev.sentinel.core.port.AgentUsersContract;
import dev.sentinel.core.port.Storage;

class InMemoryAgentUsersContractTest extends AgentUsersContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
