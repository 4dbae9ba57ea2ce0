package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.domain.audit.AuditChainHead;
import dev.sentinel.core.domain.audit.AuditCheckpoint;
import dev.sentinel.core.domain.audit.AuditFilter;
import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.core.port.out.AuditTrail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The audit trail in memory, in sequence order; the storage's write lock serialises appends. */
final class InMemoryAuditTrail implements AuditTrail {

    private final InMemoryState state;

    InMemoryAuditTrail(InMemoryState state) {
        this.state = state;
    }

    @Override
    public AuditChainHead lockHead() {
        return state.auditHead;
    }

    @Override
    public AuditChainHead head() {
        return state.auditHead;
    }

    @Override
    public void insert(AuditRecord record) {
        if (state.audit.stream().anyMatch(existing -> existing.sequence() == record.sequence())) {
            throw new dev.sentinel.core.domain.ConflictException("sequence", "audit sequence " + record.sequence()
                    + " is taken");
        }
        state.audit.add(record);
    }

    @Override
    public void moveHead(long sequence, Optional<String> mac) {
        state.auditHead = state.auditHead.movedTo(sequence, mac);
    }

    @Override
    public void saveCheckpoint(AuditCheckpoint checkpoint) {
        state.auditHead = state.auditHead.withCheckpoint(checkpoint);
    }

    @Override
    public long deleteThrough(long sequence) {
        state.beforeAuditRemoval();
        int before = state.audit.size();
        state.audit.removeIf(record -> record.sequence() <= sequence);
        return before - state.audit.size();
    }

    @Override
    public Optional<Long> firstSequenceAtOrAfter(Instant at) {
        return state.audit.stream().filter(record -> !record.entry().at().isBefore(at))
                .map(AuditRecord::sequence).min(Comparator.naturalOrder());
    }

    @Override
    public Optional<AuditRecord> at(long sequence) {
        return state.audit.stream().filter(record -> record.sequence() == sequence).findFirst();
    }

    @Override
    public List<AuditRecord> chain(long afterSequence, int limit) {
        return bySequence().stream().filter(record -> record.sequence() > afterSequence).limit(Math.max(0, limit)).toList();
    }

    @Override
    public Page<AuditRecord> find(AuditFilter filter, PageRequest page) {
        List<AuditRecord> matching = new ArrayList<>(bySequence().stream().filter(filter::matches).toList());
        java.util.Collections.reverse(matching);
        List<AuditRecord> items = matching.stream().skip(page.offset()).limit(page.perPage()).toList();
        return new Page<>(items, page.page(), page.perPage(), matching.size());
    }

    @Override
    public long count(AuditFilter filter) {
        return state.audit.stream().filter(filter::matches).count();
    }

    @Override
    public List<AuditRecord> findAfter(AuditFilter filter, long afterSequence, int limit) {
        return bySequence().stream().filter(record -> record.sequence() > afterSequence).filter(filter::matches)
                .limit(Math.max(0, limit)).toList();
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        List<AuditRecord> all = bySequence();
        List<AuditEntry> newest = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && newest.size() < limit; i--) {
            newest.add(all.get(i).entry());
        }
        return newest;
    }

    @Override
    public List<AuditEntry> forPass(String passId) {
        return bySequence().stream().map(AuditRecord::entry)
                .filter(entry -> entry.passId().map(passId::equals).orElse(false)).toList();
    }

    private List<AuditRecord> bySequence() {
        return state.audit.stream().sorted(Comparator.comparingLong(AuditRecord::sequence)).toList();
    }
}
