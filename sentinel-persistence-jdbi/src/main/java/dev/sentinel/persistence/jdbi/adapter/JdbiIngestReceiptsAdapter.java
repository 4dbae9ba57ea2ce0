package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.IngestReceipt;
import dev.sentinel.core.port.out.IngestReceipts;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Ingest receipts in {@code ingest_receipts}. */
final class JdbiIngestReceiptsAdapter implements IngestReceipts {

    private final Handle handle;

    JdbiIngestReceiptsAdapter(Handle handle) {
        this.handle = handle;
    }

    @Override
    public Optional<IngestReceipt> find(String scope, String key) {
        return handle.createQuery("SELECT scope, idempotency_key, body_digest, accepted, created_at FROM ingest_receipts "
                        + "WHERE scope = :scope AND idempotency_key = :key")
                .bind("scope", scope).bind("key", key)
                .map((row, context) -> new IngestReceipt(row.getString("scope"), row.getString("idempotency_key"),
                        row.getString("body_digest"), row.getInt("accepted"), Sql.instant(row, "created_at")))
                .findOne();
    }

    @Override
    public void add(IngestReceipt receipt) {
        Sql.insertOrConflict(() -> handle.createUpdate("INSERT INTO ingest_receipts (scope, idempotency_key, body_digest, "
                        + "accepted, created_at) VALUES (:scope, :key, :digest, :accepted, :createdAt)")
                .bind("scope", receipt.scope()).bind("key", receipt.key()).bind("digest", receipt.bodyDigest())
                .bind("accepted", receipt.accepted()).bind("createdAt", Sql.utc(receipt.createdAt()))
                .execute(), "idempotency_key", "a batch with this Idempotency-Key was stored already");
    }

    @Override
    public int deleteCreatedBefore(Instant instant) {
        return handle.createUpdate("DELETE FROM ingest_receipts WHERE created_at < :instant")
                .bind("instant", Sql.utc(instant)).execute();
    }
}
