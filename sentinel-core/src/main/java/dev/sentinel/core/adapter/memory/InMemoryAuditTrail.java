package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.port.out.AuditTrail;
import java.util.List;

final class InMemoryAuditTrail implements AuditTrail {

    private final InMemoryState state;

    InMemoryAuditTrail(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void record(AuditEntry entry) {
        state.audit.add(entry);
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        List<AuditEntry> all = state.audit;
        return java.util.stream.IntStream.range(0, Math.min(limit, all.size()))
                .mapToObj(i -> all.get(all.size() - 1 - i))
                .toList();
    }

    @Override
    public List<AuditEntry> forPass(String passId) {
        return state.audit.stream().filter(entry -> entry.passId().map(passId::equals).orElse(false)).toList();
    }
}
