package dev.sentinel.core.application.throttle;

import dev.sentinel.core.application.SecurityAudit;
import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.port.out.ThrottleBuckets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * Limits failed authentication (see {@link Throttling}): endpoints ask before checking a secret whether the caller is
 * throttled, and report each failure. The first failure that empties a bucket starts a throttling episode, which
 * leaves one audit entry (actor {@value SecurityAudit#ACTOR}) and one log line; the episode ends once the bucket is
 * full again. Audit entries are written on a background thread so a slow store never slows a refusal. Thread-safe.
 */
public final class AuthThrottle implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuthThrottle.class.getName());
    /** The stand-in key for callers whose address is unknown and for client ids that are not well formed. */
    private static final String UNKNOWN = "-";

    private final Throttling limits;
    private final ThrottleBuckets.Counter perClient;
    private final ThrottleBuckets.Counter perAddress;
    private final ThrottleBuckets.Counter tokens;
    private final SecurityAudit audit;
    private final ThreadPoolExecutor auditWriter;
    private final LongAdder refusedClients = new LongAdder();
    private final LongAdder refusedTokens = new LongAdder();

    /**
     * @param buckets where failures are counted; unused when every limit is off
     */
    public AuthThrottle(Throttling limits, ThrottleBuckets buckets, SecurityAudit audit) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.audit = Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(buckets, "buckets");
        this.perClient = counter(limits.perClientAndAddress(), buckets);
        this.perAddress = counter(limits.perAddress(), buckets);
        this.tokens = counter(limits.tokensPerAddress(), buckets);
        this.auditWriter = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000), task -> {
            Thread thread = new Thread(task, "sentinel-throttle-audit");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A throttle that refuses nothing and counts nothing: for use cases called in the application's own process. */
    public static AuthThrottle off(SecurityAudit audit) {
        return new AuthThrottle(Throttling.OFF, (failures, period) -> {
            throw new IllegalStateException("no limit is on");
        }, audit);
    }

    public Throttling limits() {
        return limits;
    }

    /** How long a client authentication of {@code clientId} from {@code address} must wait; empty: go ahead. */
    public Optional<Duration> clientRefusal(Optional<String> address, String clientId) {
        Optional<Duration> byAddress = perAddress.refusal(address(address));
        Optional<Duration> byClient = perClient.refusal(clientKey(address, clientId));
        if (byAddress.isPresent() || byClient.isPresent()) {
            refusedClients.increment();
        }
        if (byAddress.isPresent() && byClient.isPresent()) {
            return Optional.of(byAddress.get().compareTo(byClient.get()) >= 0 ? byAddress.get() : byClient.get());
        }
        return byAddress.isPresent() ? byAddress : byClient;
    }

    /** Counts a failed client authentication; {@code passId} when the client id is a pass's. */
    public void clientFailed(Optional<String> address, String clientId, Optional<PassId> passId) {
        String from = address(address);
        if (perClient.failed(clientKey(address, clientId))) {
            episode(passId, "client_id " + shown(clientId) + " from " + from + ": "
                    + limits.perClientAndAddress().failures() + " failed client authentications (limit "
                    + limits.perClientAndAddress() + " per client id and address)");
        }
        if (perAddress.failed(from)) {
            episode(Optional.empty(), "address " + from + ": " + limits.perAddress().failures()
                    + " failed client authentications across client ids (limit " + limits.perAddress() + " per address)");
        }
    }

    /** How long an admin-, ingest- or metrics-token attempt from {@code address} must wait; empty: go ahead. */
    public Optional<Duration> tokenRefusal(Optional<String> address) {
        Optional<Duration> refusal = tokens.refusal(address(address));
        if (refusal.isPresent()) {
            refusedTokens.increment();
        }
        return refusal;
    }

    /** Client authentications refused so far because of a limit (each one a 429). */
    public long refusedClients() {
        return refusedClients.sum();
    }

    /** Admin-, ingest- and metrics-token attempts refused so far because of a limit (each one a 429). */
    public long refusedTokens() {
        return refusedTokens.sum();
    }

    /** Counts a wrong admin, ingest or metrics token ({@code which} names it in the audit entry). */
    public void tokenFailed(Optional<String> address, String which) {
        String from = address(address);
        if (tokens.failed(from)) {
            episode(Optional.empty(), "address " + from + ": " + limits.tokensPerAddress().failures() + " failed "
                    + which + " attempts (limit " + limits.tokensPerAddress() + " per address)");
        }
    }

    private void episode(Optional<PassId> passId, String detail) {
        LOG.warning("throttling failed authentication: " + detail);
        try {
            auditWriter.execute(() -> {
                try {
                    audit.record("throttled", passId, detail);
                } catch (RuntimeException failed) {
                    LOG.warning("the audit entry of a throttling episode could not be written: " + failed.getMessage());
                }
            });
        } catch (RejectedExecutionException full) {
            LOG.warning("the audit entry of a throttling episode was dropped: 1,000 are waiting to be written");
        }
    }

    /** A limit that is off counts nothing and refuses nothing. */
    private static ThrottleBuckets.Counter counter(FailureLimit limit, ThrottleBuckets buckets) {
        if (limit.isOff()) {
            return OFF;
        }
        return buckets.counter(limit.failures(), limit.period());
    }

    private static final ThrottleBuckets.Counter OFF = new ThrottleBuckets.Counter() {
        @Override
        public Optional<Duration> refusal(String key) {
            return Optional.empty();
        }

        @Override
        public boolean failed(String key) {
            return false;
        }
    };

    private static String address(Optional<String> address) {
        return address.filter(value -> !value.isBlank()).orElse(UNKNOWN);
    }

    private static String clientKey(Optional<String> address, String clientId) {
        return shown(clientId) + " " + address(address);
    }

    /** Client ids are attacker-chosen: only well-formed ones are kept as they are. */
    private static String shown(String clientId) {
        return ClientId.isWellFormed(clientId) ? clientId : UNKNOWN;
    }

    /** Writes the audit entries still queued (up to a few seconds), then stops the writer. */
    @Override
    public void close() {
        auditWriter.shutdown();
        try {
            auditWriter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
