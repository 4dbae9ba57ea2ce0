package dev.sentinel.core.application;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.IdempotencyKeyReusedException;
import dev.sentinel.core.domain.IngestReceipt;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;

/**
 * Batch ingest of activity reported by remote resource servers: the whole batch is stored in one transaction, events
 * and rollups together (the path every recorder takes), or nothing is. Thread-safe.
 */
public final class ActivityIngest {

    /** How far in the future an event may start: clocks of resource servers drift, but not by hours. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final Storage storage;
    private final Clock clock;
    private final Duration retention;

    /**
     * @param retention how long raw events are kept: an event that starts before it would be purged at once and would
     *                  only distort the rollups, so it is refused
     */
    public ActivityIngest(Storage storage, Clock clock, Duration retention) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    /** How long an idempotency key is remembered. */
    public static final Duration KEY_MEMORY = Duration.ofHours(24);

    /**
     * An ingest request's {@code Idempotency-Key}, scoped to the credential that sent it (two senders may use the same
     * key), with a digest of its body.
     */
    public record Idempotency(String scope, String key, String bodyDigest) {

        public Idempotency {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(bodyDigest, "bodyDigest");
            if (key.isEmpty() || key.length() > IngestReceipt.MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw ValidationException.of("Idempotency-Key", "must be 1 to " + IngestReceipt.MAX_KEY_LENGTH
                        + " visible ASCII characters");
            }
        }
    }

    /**
     * What core checks of one event against the clock and the store — its pass and when it started — as far as an
     * adapter could read them from an event that breaks other rules.
     */
    public record EventKey(Optional<PassId> passId, Optional<Instant> startedAt) {

        public EventKey {
            Objects.requireNonNull(passId, "passId");
            Objects.requireNonNull(startedAt, "startedAt");
        }

        static EventKey of(ActivityEvent event) {
            return new EventKey(Optional.of(event.passId()), Optional.of(event.startedAt()));
        }
    }

    /** What an ingest did: how many events the batch holds, and whether an earlier identical request had stored them. */
    public record Result(int accepted, boolean replayed) {
    }

    /** Stores the events; returns how many. See {@link #ingest(List, Optional)}. */
    public int ingest(List<ActivityEvent> events) {
        return ingest(events, Optional.empty()).accepted();
    }

    /**
     * Stores the events, once per idempotency key: a batch sent again with the key of a batch stored in the last
     * {@link #KEY_MEMORY} (by any node) is answered as the first one was, and stores nothing.
     *
     * @throws ValidationException naming {@code [i].started_at} for every event that starts more than
     *                             {@link #MAX_CLOCK_SKEW} from now in the future or before the retention period, and
     *                             {@code [i].pass_id} for every event whose pass does not exist, all of them at once;
     *                             nothing is stored
     * @throws IdempotencyKeyReusedException when the key was used for another body
     */
    public Result ingest(List<ActivityEvent> events, Optional<Idempotency> idempotency) {
        List<ActivityEvent> batch = List.copyOf(events);
        Instant now = clock.instant();
        List<EventKey> keys = batch.stream().map(EventKey::of).toList();
        List<FieldViolation> outOfRange = outOfRange(keys, now);
        if (!outOfRange.isEmpty()) {
            throw new ValidationException(inEventOrder(outOfRange, storage.read(session -> unknownPasses(session, keys))));
        }
        if (idempotency.isEmpty()) {
            return new Result(batch.isEmpty() ? 0 : storage.inTransaction(session -> store(session, batch)), false);
        }
        Idempotency request = idempotency.get();
        try {
            return storage.inTransaction(session -> {
                session.ingestReceipts().deleteCreatedBefore(now.minus(KEY_MEMORY));
                Optional<IngestReceipt> earlier = session.ingestReceipts().find(request.scope(), request.key());
                if (earlier.isPresent()) {
                    return replay(earlier.get(), request);
                }
                int stored = store(session, batch);
                session.ingestReceipts().add(new IngestReceipt(request.scope(), request.key(), request.bodyDigest(),
                        stored, now));
                return new Result(stored, false);
            });
        } catch (ConflictException sameKeyAtTheSameTime) {
            // another node stored this key while this transaction ran; this one rolled back: answer as that one did
            return storage.read(session -> replay(session.ingestReceipts().find(request.scope(), request.key())
                    .orElseThrow(() -> sameKeyAtTheSameTime), request));
        }
    }

    private static Result replay(IngestReceipt earlier, Idempotency request) {
        if (!earlier.bodyDigest().equals(request.bodyDigest())) {
            throw new IdempotencyKeyReusedException("the Idempotency-Key " + request.key()
                    + " was used for a batch with another body; nothing was stored");
        }
        return new Result(earlier.accepted(), true);
    }

    /**
     * The rules of a batch that core checks against the clock and the store, for a batch that an adapter could not
     * read completely, so that it can report them with its own: {@code [i].pass_id} for every pass that does not
     * exist, {@code [i].started_at} for every start out of range (see {@link #ingest(List, Optional)}), in event order.
     * Reads only; stores nothing.
     */
    public List<FieldViolation> check(List<EventKey> keys) {
        List<EventKey> batch = List.copyOf(keys);
        List<FieldViolation> outOfRange = outOfRange(batch, clock.instant());
        return inEventOrder(outOfRange, storage.read(session -> unknownPasses(session, batch)));
    }

    private List<FieldViolation> outOfRange(List<EventKey> batch, Instant now) {
        List<FieldViolation> outOfRange = new ArrayList<>();
        for (int index = 0; index < batch.size(); index++) {
            Optional<Instant> startedAt = batch.get(index).startedAt();
            if (startedAt.isEmpty()) {
                continue;
            }
            if (startedAt.get().isAfter(now.plus(MAX_CLOCK_SKEW))) {
                outOfRange.add(new FieldViolation("[" + index + "].started_at", "must not be more than "
                        + MAX_CLOCK_SKEW.toMinutes() + " minutes in the future"));
            } else if (startedAt.get().isBefore(now.minus(retention))) {
                outOfRange.add(new FieldViolation("[" + index + "].started_at", "must be within the retention period "
                        + "(the last " + retention.toDays() + " days)"));
            }
        }
        return outOfRange;
    }

    private static List<FieldViolation> unknownPasses(StorageSession session, List<EventKey> batch) {
        Map<PassId, Boolean> exists = new HashMap<>();
        List<FieldViolation> unknown = new ArrayList<>();
        for (int index = 0; index < batch.size(); index++) {
            Optional<PassId> passId = batch.get(index).passId();
            if (passId.isPresent() && !exists.computeIfAbsent(passId.get(), id -> session.passes().find(id).isPresent())) {
                unknown.add(new FieldViolation("[" + index + "].pass_id", "names no pass"));
            }
        }
        return unknown;
    }

    /** Both lists in event order, an event's pass before its start. */
    private static List<FieldViolation> inEventOrder(List<FieldViolation> outOfRange, List<FieldViolation> unknownPasses) {
        List<FieldViolation> all = new ArrayList<>(unknownPasses);
        all.addAll(outOfRange);
        all.sort(Comparator.comparingInt(ActivityIngest::indexOf)
                .thenComparing(violation -> violation.field().endsWith(".started_at")));
        return all;
    }

    private static int indexOf(FieldViolation violation) {
        return Integer.parseInt(violation.field().substring(1, violation.field().indexOf(']')));
    }

    private static int store(StorageSession session, List<ActivityEvent> batch) {
        Set<PassId> existing = ActivityWrites.lockExistingPasses(session, batch);
        List<FieldViolation> violations = new ArrayList<>();
        for (int index = 0; index < batch.size(); index++) {
            if (!existing.contains(batch.get(index).passId())) {
                violations.add(new FieldViolation("[" + index + "].pass_id", "names no pass"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        ActivityWrites.append(session, batch);
        return batch.size();
    }

    /** Forgets the idempotency keys older than {@link #KEY_MEMORY}; returns how many. */
    public int pruneKeys() {
        Instant before = clock.instant().minus(KEY_MEMORY);
        return storage.inTransaction(session -> session.ingestReceipts().deleteCreatedBefore(before));
    }
}
