package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.SettingsContract;
import dev.sentinel.core.port.out.Storage;

class InMemorySettingsContractTest extends SettingsContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
