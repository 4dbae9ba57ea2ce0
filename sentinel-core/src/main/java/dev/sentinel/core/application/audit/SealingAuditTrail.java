package dev.sentinel.core.application.audit;

import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.domain.audit.AuditChainHead;
import dev.sentinel.core.domain.audit.AuditCheckpoint;
import dev.sentinel.core.domain.audit.AuditFilter;
import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.core.port.out.AuditTrail;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An audit trail whose appends are sealed with the chain's MAC; everything else is the store's. */
final class SealingAuditTrail implements AuditTrail {

    private final AuditTrail trail;
    private final AuditChain chain;

    SealingAuditTrail(AuditTrail trail, AuditChain chain) {
        this.trail = trail;
        this.chain = chain;
    }

    @Override
    public AuditRecord record(AuditEntry given) {
        // whole milliseconds, as every store keeps them exactly (PostgreSQL rounds nanoseconds to microseconds)
        AuditEntry entry = new AuditEntry(given.at().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), given.actor(),
                given.action(), given.passId(), given.detail(), given.project());
        AuditChainHead head = trail.lockHead();
        long sequence = head.sequence() + 1;
        AuditRecord record = new AuditRecord(sequence, entry, Optional.of(chain.seal(sequence, entry, head)));
        trail.insert(record);
        trail.moveHead(sequence, record.mac());
        return record;
    }

    @Override
    public AuditChainHead lockHead() {
        return trail.lockHead();
    }

    @Override
    public AuditChainHead head() {
        return trail.head();
    }

    @Override
    public void insert(AuditRecord record) {
        trail.insert(record);
    }

    @Override
    public void moveHead(long sequence, Optional<String> mac) {
        trail.moveHead(sequence, mac);
    }

    @Override
    public void saveCheckpoint(AuditCheckpoint checkpoint) {
        trail.saveCheckpoint(checkpoint);
    }

    @Override
    public long deleteThrough(long sequence) {
        return trail.deleteThrough(sequence);
    }

    @Override
    public Optional<Long> firstSequenceAtOrAfter(Instant at) {
        return trail.firstSequenceAtOrAfter(at);
    }

    @Override
    public Optional<AuditRecord> at(long sequence) {
        return trail.at(sequence);
    }

    @Override
    public List<AuditRecord> chain(long afterSequence, int limit) {
        return trail.chain(afterSequence, limit);
    }

    @Override
    public Page<AuditRecord> find(AuditFilter filter, PageRequest page) {
        return trail.find(filter, page);
    }

    @Override
    public long count(AuditFilter filter) {
        return trail.count(filter);
    }

    @Override
    public List<AuditRecord> findAfter(AuditFilter filter, long afterSequence, int limit) {
        return trail.findAfter(filter, afterSequence, limit);
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return trail.recent(limit);
    }

    @Override
    public List<AuditEntry> forPass(String passId) {
        return trail.forPass(passId);
    }
}
