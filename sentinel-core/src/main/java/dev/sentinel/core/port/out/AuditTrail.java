package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.domain.audit.AuditChainHead;
import dev.sentinel.core.domain.audit.AuditCheckpoint;
import dev.sentinel.core.domain.audit.AuditFilter;
import dev.sentinel.core.domain.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The append-only record of administrative and security actions, as a chain: every entry has the next sequence number
 * under a head that appends lock, so appends from any number of nodes form one chain. Used inside a
 * {@link StorageSession}. Adapters store what they are given; the MACs are computed in core.
 */
public interface AuditTrail {

    /**
     * Appends {@code entry} as the next link without a MAC. Core's use cases go through a store whose trail overrides
     * this to seal every entry with the audit key (see {@code application.audit.SealingStorage}).
     */
    default AuditRecord record(AuditEntry entry) {
        AuditChainHead head = lockHead();
        AuditRecord record = new AuditRecord(head.sequence() + 1, entry, Optional.empty());
        insert(record);
        moveHead(record.sequence(), record.mac());
        return record;
    }

    /**
     * The chain head, locked until the transaction ends ({@code SELECT … FOR UPDATE}): appends and purges take it
     * first, so they run one at a time across nodes.
     */
    AuditChainHead lockHead();

    /** The chain head as it is now, without locking it. */
    AuditChainHead head();

    /** Writes one record; its sequence number must be the head's plus one, under the lock of {@link #lockHead()}. */
    void insert(AuditRecord record);

    /** Moves the head to the record just inserted. */
    void moveHead(long sequence, Optional<String> mac);

    /** Stores the checkpoint of a retention purge in the head. */
    void saveCheckpoint(AuditCheckpoint checkpoint);

    /** Deletes the records up to and including {@code sequence}; returns how many. */
    long deleteThrough(long sequence);

    /** The smallest sequence number of a record written at or after {@code at}; empty when there is none. */
    Optional<Long> firstSequenceAtOrAfter(Instant at);

    /** The record at {@code sequence}, if there is one. */
    Optional<AuditRecord> at(long sequence);

    /** Up to {@code limit} records with a sequence number above {@code afterSequence}, in sequence order. */
    List<AuditRecord> chain(long afterSequence, int limit);

    /** One page of the matching records, newest (highest sequence) first, with their total count. */
    Page<AuditRecord> find(AuditFilter filter, PageRequest page);

    /** How many records match. */
    long count(AuditFilter filter);

    /** Up to {@code limit} matching records with a sequence number above {@code afterSequence}, oldest first. */
    List<AuditRecord> findAfter(AuditFilter filter, long afterSequence, int limit);

    /** The newest entries first, at most {@code limit}. */
    List<AuditEntry> recent(int limit);

    /** Every entry about one pass, oldest first; entries outlive the pass. */
    List<AuditEntry> forPass(String passId);
}
