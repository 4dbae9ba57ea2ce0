package dev.sentinel.core.application.federation;

import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.port.out.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The audit trail of federated tokens refused without a pass to record them against: at most one
 * {@value #ACTION} entry a minute per project and issuer, with the count of refusals since the last entry and the
 * latest reason. Refusals whose issuer no policy trusts share one bucket (their {@code iss} is anybody's choice), and
 * at most {@value #MAX_BUCKETS} buckets are kept, so a flood of made-up issuers costs bounded memory; counts still
 * waiting are written by {@link #flush}. Thread-safe.
 */
public final class RefusalTrail {

    public static final String ACTION = "federation.refused";
    public static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_BUCKETS = 1_000;
    private static final String UNTRUSTED = "(issuers no policy trusts)";

    private final Storage storage;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RefusalTrail(Storage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    private static final class Bucket {
        final Optional<ProjectId> project;
        final String issuer;
        Instant writtenAt;
        Instant since;
        int pending;
        String lastReason;

        Bucket(Optional<ProjectId> project, String issuer) {
            this.project = project;
            this.issuer = issuer;
        }
    }

    /** Records a refusal that names no pass, in each project whose policies were tried (none: the server's trail). */
    public void record(FederationRefusedException refusal, Instant now) {
        String issuer = refusal.projects().isEmpty() ? UNTRUSTED
                : refusal.issuer().map(WorkloadIdentities::shown).orElse(UNTRUSTED);
        if (refusal.projects().isEmpty()) {
            count(Optional.empty(), issuer, refusal.code() + ": " + refusal.detail(), now);
        }
        refusal.projects().stream().sorted(java.util.Comparator.comparing(ProjectId::value))
                .forEach(project -> count(Optional.of(project), issuer,
                        refusal.code() + ": " + refusal.detailFor(project), now));
    }

    private void count(Optional<ProjectId> project, String issuer, String reason, Instant now) {
        String key = project.map(ProjectId::value).orElse("") + '\0' + issuer;
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= MAX_BUCKETS) {
                flush(now, true);
                buckets.clear();
            }
            bucket = buckets.computeIfAbsent(key, any -> new Bucket(project, issuer));
        }
        AuditEntry entry = null;
        synchronized (bucket) {
            if (bucket.pending == 0) {
                bucket.since = now;
            }
            bucket.pending++;
            bucket.lastReason = reason;
            if (bucket.writtenAt == null || !now.isBefore(bucket.writtenAt.plus(WINDOW))) {
                entry = take(bucket, now);
            }
        }
        if (entry != null) {
            write(entry);
        }
    }

    /** Writes the counts still waiting whose minute is over; returns how many entries were written. */
    public int flush(Instant now) {
        return flush(now, false);
    }

    private int flush(Instant now, boolean all) {
        List<AuditEntry> entries = new ArrayList<>();
        for (Bucket bucket : buckets.values()) {
            synchronized (bucket) {
                if (bucket.pending > 0 && (all || !now.isBefore(bucket.writtenAt.plus(WINDOW)))) {
                    entries.add(take(bucket, now));
                }
            }
        }
        entries.forEach(this::write);
        buckets.values().removeIf(bucket -> bucket.pending == 0 && !now.isBefore(bucket.writtenAt.plus(WINDOW)));
        return entries.size();
    }

    private static AuditEntry take(Bucket bucket, Instant now) {
        AuditEntry entry = new AuditEntry(now, Principal.SERVER_NAME, ACTION, Optional.empty(), "issuer=" + bucket.issuer
                + " refused=" + bucket.pending + " since=" + bucket.since + " last: " + bucket.lastReason);
        bucket.writtenAt = now;
        bucket.pending = 0;
        return bucket.project.map(entry::inProject).orElse(entry);
    }

    private void write(AuditEntry entry) {
        storage.inTransaction(session -> {
            session.audit().record(entry);
            return null;
        });
    }
}
