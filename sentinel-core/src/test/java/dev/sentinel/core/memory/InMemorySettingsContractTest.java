package dev.sentinel.core.memory;

import dev.sentinel.core.port.SettingsContract;
import dev.sentinel.core.port.Storage;

class InMemorySettingsContractTest extends SettingsContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
