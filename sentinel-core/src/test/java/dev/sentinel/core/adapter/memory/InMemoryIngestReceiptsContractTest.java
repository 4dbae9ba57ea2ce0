package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.IngestReceiptsContract;
import dev.sentinel.core.port.out.Storage;

class InMemoryIngestReceiptsContractTest extends IngestReceiptsContract {

    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
