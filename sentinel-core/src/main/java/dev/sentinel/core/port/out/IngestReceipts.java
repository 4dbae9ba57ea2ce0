package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.IngestReceipt;
import java.time.Instant;
import java.util.Optional;

/**
 * Receipts of ingest batches sent with an idempotency key, kept so that a retried batch is stored once on every node.
 * Used inside a {@link StorageSession}.
 */
public interface IngestReceipts {

    /** The receipt for {@code key} from the caller {@code scope}, if one was stored. */
    Optional<IngestReceipt> find(String scope, String key);

    /**
     * Stores the receipt.
     *
     * @throws dev.sentinel.core.domain.ConflictException when a receipt for the same scope and key exists already
     */
    void add(IngestReceipt receipt);

    /** Removes the receipts made before {@code instant}; returns how many. */
    int deleteCreatedBefore(Instant instant);
}
