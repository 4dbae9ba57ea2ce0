package dev.sentinel.core.application.audit;

import dev.sentinel.core.application.analytics.ExportTooLargeException;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.domain.audit.AuditChainHead;
import dev.sentinel.core.domain.audit.AuditCheckpoint;
import dev.sentinel.core.domain.audit.AuditFilter;
import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.port.out.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The audit trail's use cases: write an entry, query and export it (what a principal may see), verify the chain, and
 * purge old entries behind a signed checkpoint. Writing, verifying and purging need the audit key (derived from the
 * key-encryption key); without one, entries are written unsealed and {@link #verify()} and {@link #purgeOlderThan}
 * refuse. Thread-safe.
 */
public final class AuditService {

    /** The most entries one export may hold, as for activity. */
    public static final int MAX_EXPORT = 10_000;
    /** The action a retention purge records. */
    public static final String PURGE_ACTION = "audit.purge";
    private static final int BATCH = 500;

    private final Storage storage;
    private final Clock clock;
    private final Optional<AuditChain> chain;

    /**
     * @param storage the store; entries written through it are sealed when it is a {@link SealingStorage}
     * @param chain   the audit key, empty when no key-encryption key is configured
     */
    public AuditService(Storage storage, Clock clock, Optional<AuditChain> chain) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.chain = Objects.requireNonNull(chain, "chain");
    }

    /** Writes one entry now, by {@code actor}, in its own transaction. */
    public AuditRecord record(Principal actor, String action, Optional<ProjectId> project, Optional<String> passId,
                              String detail) {
        AuditEntry entry = new AuditEntry(clock.instant(), actor.name(), action, passId, detail,
                project.map(ProjectId::value));
        return storage.inTransaction(session -> session.audit().record(entry));
    }

    /**
     * One page of the entries matching {@code filter} that {@code viewer} may see, newest first: owners see everything;
     * anyone else only the entries of their projects.
     */
    public Page<AuditRecord> find(Principal viewer, AuditFilter filter, PageRequest page) {
        AuditFilter visible = visibleTo(viewer, filter);
        return storage.read(session -> session.audit().find(visible, page));
    }

    /**
     * Streams every matching entry {@code viewer} may see, oldest first, to {@code sink}; refuses with
     * {@link ExportTooLargeException} before writing anything when more than {@value #MAX_EXPORT} match.
     *
     * @return how many entries were written
     */
    public long export(Principal viewer, AuditFilter filter, Consumer<AuditRecord> sink) {
        AuditFilter visible = visibleTo(viewer, filter);
        long total = storage.read(session -> session.audit().count(visible));
        if (total > MAX_EXPORT) {
            throw new ExportTooLargeException(total, MAX_EXPORT);
        }
        long written = 0;
        long after = 0;
        while (written < total) {
            long from = after;
            List<AuditRecord> batch = storage.read(session -> session.audit().findAfter(visible, from, BATCH));
            if (batch.isEmpty()) {
                break;
            }
            for (AuditRecord record : batch) {
                sink.accept(record);
                written++;
            }
            after = batch.get(batch.size() - 1).sequence();
        }
        return written;
    }

    private static AuditFilter visibleTo(Principal viewer, AuditFilter filter) {
        if (viewer.isOwner()) {
            return filter;
        }
        return filter.within(viewer.projectRoles().keySet().stream().map(ProjectId::value).collect(Collectors.toSet()));
    }

    /**
     * Checks the whole chain: every entry's MAC, the sequence without gaps from the chain's start (or the last purge's
     * checkpoint, whose signature is checked too) to the head, and the head itself. Reports the first entry that does
     * not verify, with its position. Reads in batches, outside any transaction.
     *
     * @throws IllegalStateException without an audit key
     */
    public AuditVerification verify() {
        AuditChain key = requireKey("verify the audit trail");
        AuditChainHead head = storage.read(session -> session.audit().head());
        Optional<AuditCheckpoint> checkpoint = head.checkpoint();
        long legacy = head.legacyThrough();
        long chainStart = Math.max(legacy, checkpoint.map(AuditCheckpoint::sequence).orElse(0L));
        if (checkpoint.isPresent() && !key.isGenuine(checkpoint.get())) {
            return result(head, 0, 0, new AuditVerification.Break(checkpoint.get().sequence(),
                    AuditVerification.Reason.CHECKPOINT, "the purge checkpoint at entry " + checkpoint.get().sequence()
                    + " was not signed with this key"));
        }
        String previous = checkpoint.filter(point -> point.sequence() > legacy).map(AuditCheckpoint::mac)
                .orElseGet(() -> key.genesis(legacy));
        long expected = chainStart + 1;
        long verified = 0;
        long beforeChain = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<AuditRecord> batch = storage.read(session -> session.audit().chain(from, BATCH));
            if (batch.isEmpty()) {
                break;
            }
            for (AuditRecord record : batch) {
                long position = record.sequence();
                if (position <= chainStart) {
                    if (position <= legacy && checkpoint.map(point -> position > point.sequence()).orElse(true)) {
                        beforeChain++;
                        continue;
                    }
                    return result(head, verified, beforeChain, new AuditVerification.Break(position,
                            AuditVerification.Reason.UNEXPECTED, "entry " + position + " precedes the purge checkpoint "
                            + "(entry " + chainStart + ") but is present"));
                }
                if (position != expected) {
                    return result(head, verified, beforeChain, new AuditVerification.Break(expected,
                            AuditVerification.Reason.MISSING, missing(expected, position - 1)));
                }
                if (record.mac().isEmpty()) {
                    return result(head, verified, beforeChain, new AuditVerification.Break(position,
                            AuditVerification.Reason.UNSIGNED, "entry " + position + " carries no MAC (written "
                            + "without the key-encryption key, or inserted)"));
                }
                if (!AuditChain.same(key.mac(position, record.entry(), previous), record.mac().get())) {
                    return result(head, verified, beforeChain, new AuditVerification.Break(position,
                            AuditVerification.Reason.CHANGED, "entry " + position + " does not match its MAC: it was "
                            + "changed, or written by someone without the key"));
                }
                previous = record.mac().get();
                expected++;
                verified++;
            }
            after = batch.get(batch.size() - 1).sequence();
        }
        long last = expected - 1;
        if (head.sequence() > last) {
            return result(head, verified, beforeChain, new AuditVerification.Break(expected,
                    AuditVerification.Reason.MISSING, missing(expected, head.sequence())));
        }
        String newest = previous;
        boolean headMatches = head.sequence() == last
                && (last == chainStart || head.mac().map(mac -> AuditChain.same(newest, mac)).orElse(false));
        if (!headMatches) {
            return result(head, verified, beforeChain, new AuditVerification.Break(head.sequence(),
                    AuditVerification.Reason.HEAD, "the chain head (entry " + head.sequence() + ") does not match the "
                    + "newest entry (" + last + ")"));
        }
        return new AuditVerification(verified, beforeChain, head.sequence(), head.mac(), checkpoint, Optional.empty());
    }

    private static String missing(long from, long through) {
        return from == through ? "entry " + from + " is missing" : "entries " + from + " to " + through + " are missing";
    }

    private static AuditVerification result(AuditChainHead head, long verified, long beforeChain,
                                            AuditVerification.Break found) {
        return new AuditVerification(verified, beforeChain, head.sequence(), head.mac(), head.checkpoint(),
                Optional.of(found));
    }

    /**
     * Deletes the oldest entries, those written more than {@code retention} ago (the longest such run from the start of
     * the trail, so that what remains is one unbroken chain), and leaves a signed checkpoint of the last one deleted, in
     * one transaction that holds the chain head. Records the purge as an entry by {@code sentinel-server}.
     *
     * @return how many entries were deleted
     * @throws IllegalStateException without an audit key
     */
    public long purgeOlderThan(Duration retention) {
        AuditChain key = requireKey("purge the audit trail");
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        return storage.inTransaction(session -> {
            AuditChainHead head = session.audit().lockHead();
            long through = session.audit().firstSequenceAtOrAfter(cutoff).map(first -> first - 1)
                    .orElse(head.sequence());
            boolean anyToDelete = session.audit().chain(0, 1).stream().anyMatch(first -> first.sequence() <= through);
            if (!anyToDelete) {
                return 0L;
            }
            Optional<AuditRecord> last = session.audit().at(through);
            if (through > head.legacyThrough()) {
                AuditRecord lastPurged = last.orElseThrow(() -> new IllegalStateException("audit entry " + through
                        + " is missing; run verify"));
                session.audit().saveCheckpoint(key.checkpoint(lastPurged, now));
            }
            long deleted = session.audit().deleteThrough(through);
            session.audit().record(new AuditEntry(now, Principal.SERVER_NAME, PURGE_ACTION, Optional.empty(),
                    "deleted " + deleted + " entries through " + through + " older than " + retention.toDays() + " days"));
            return deleted;
        });
    }

    private AuditChain requireKey(String what) {
        return chain.orElseThrow(() -> new IllegalStateException("cannot " + what + " without the key-encryption key"));
    }
}
