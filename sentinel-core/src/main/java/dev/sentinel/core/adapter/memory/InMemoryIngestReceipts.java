package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.IngestReceipt;
import dev.sentinel.core.port.out.IngestReceipts;
import java.time.Instant;
import java.util.Optional;

final class InMemoryIngestReceipts implements IngestReceipts {

    private final InMemoryState state;

    InMemoryIngestReceipts(InMemoryState state) {
        this.state = state;
    }

    @Override
    public Optional<IngestReceipt> find(String scope, String key) {
        return Optional.ofNullable(state.ingestReceipts.get(scope + "\n" + key));
    }

    @Override
    public void add(IngestReceipt receipt) {
        if (state.ingestReceipts.putIfAbsent(receipt.scope() + "\n" + receipt.key(), receipt) != null) {
            throw new ConflictException("idempotency_key", "a batch with this Idempotency-Key was stored already");
        }
    }

    @Override
    public int deleteCreatedBefore(Instant instant) {
        int before = state.ingestReceipts.size();
        state.ingestReceipts.values().removeIf(receipt -> receipt.createdAt().isBefore(instant));
        return before - state.ingestReceipts.size();
    }
}
