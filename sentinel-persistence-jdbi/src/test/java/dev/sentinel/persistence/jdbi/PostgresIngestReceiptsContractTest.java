package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.port.out.IngestReceiptsContract;
import dev.sentinel.core.port.out.Storage;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ingest receipts contract against PostgreSQL. */
class PostgresIngestReceiptsContractTest extends IngestReceiptsContract {

    @RegisterExtension
    static final ContractStores STORE = ContractStores.POSTGRES;

    @Override
    protected Storage storage() {
        return STORE.storage();
    }
}
