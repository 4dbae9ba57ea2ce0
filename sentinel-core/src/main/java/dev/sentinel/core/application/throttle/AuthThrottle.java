package dev.sentinel.core.application.throttle;

import dev.sentinel.core.application.SecurityAudit;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.port.out.ThrottleBuckets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * Limits failed authentication (see {@link Throttling}). A client authentication is let through with
 * {@link #admitClient} before its secret is checked and reports its outcome once. An attempt of a pair without a
 * recent success takes its share of the buckets before the check (with one of the unproven checks held), so that at
 * most a limit's worth of such attempts is ever checked, however many arrive at once; a pair that succeeded recently
 * only meets the failures it has reported, so its own concurrent attempts never refuse it. Token attempts ask
 * {@link #tokenRefusal} and report each failure. The first failure that empties a bucket starts a throttling episode,
 * which leaves one audit entry (actor {@value SecurityAudit#ACTOR}) and one log line; the episode ends once the bucket
 * is full again. Audit entries are written on a background thread so a slow store never slows a refusal.
 *
 * <p>Pairs of client id and source without a recent success share a few checks at once ({@code unprovenChecks}, by
 * default half the processors, at least one): a flood of wrong secrets or unknown client ids, each costing a full hash
 * check, then occupies only those, and pairs that authenticated recently, which skip this bound, keep the rest of the
 * processors. An unproven attempt that finds them busy waits up to a second behind at most
 * {@value #MAX_WAITING_UNPROVEN} others, else it is refused like a throttled one. Known and unknown client ids are
 * bounded alike. Thread-safe.
 */
public final class AuthThrottle implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuthThrottle.class.getName());
    /** The pairs remembered with a recent success at most (about 200 bytes each). */
    public static final int MAX_RECENT_PAIRS = 100_000;
    /** Unproven attempts that may wait for a check at once; beyond them one is refused at once. */
    static final int MAX_WAITING_UNPROVEN = 16;
    /** How long an unproven attempt waits for a check before it is refused. */
    private static final Duration UNPROVEN_WAIT = Duration.ofSeconds(1);
    /** The wait a refused unproven attempt is told to keep. */
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);
    /** Sign-ins count under this prefix and the email, never under a client id's key. */
    private static final String SIGN_IN_KEY = "account:";

    private final Throttling limits;
    private final SourceKeys sources;
    private final ThrottleBuckets.Counter perClient;
    private final ThrottleBuckets.Counter perAddress;
    private final ThrottleBuckets.Counter tokens;
    private final RecentSuccesses recent;
    private final Semaphore unproven;
    private final SecurityAudit audit;
    private final ThreadPoolExecutor auditWriter;
    private final LongAdder refusedClients = new LongAdder();
    private final LongAdder refusedTokens = new LongAdder();

    /**
     * @param buckets where failures are counted; unused when every limit is off
     */
    public AuthThrottle(Throttling limits, ThrottleBuckets buckets, SecurityAudit audit) {
        this(limits, buckets, audit, defaultUnprovenChecks());
    }

    /**
     * @param buckets        where failures are counted; unused when every limit is off
     * @param unprovenChecks how many client authentications of pairs without a recent success may be checked at once
     */
    public AuthThrottle(Throttling limits, ThrottleBuckets buckets, SecurityAudit audit, int unprovenChecks) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.audit = Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(buckets, "buckets");
        if (unprovenChecks < 1) {
            throw new IllegalArgumentException("unprovenChecks must be at least 1");
        }
        this.sources = new SourceKeys(limits.ipv6Prefix());
        this.perClient = counter(limits.perClientAndAddress(), buckets);
        this.perAddress = counter(limits.perAddress(), buckets);
        this.tokens = counter(limits.tokensPerAddress(), buckets);
        this.recent = new RecentSuccesses(limits.isOff() ? Duration.ZERO : limits.recentSuccess(), MAX_RECENT_PAIRS);
        this.unproven = limits.isOff() ? null : new Semaphore(unprovenChecks, true);
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

    /** Half the processors, at least one: the rest stay free for pairs that authenticated recently. */
    public static int defaultUnprovenChecks() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public Throttling limits() {
        return limits;
    }

    /**
     * Lets a client authentication of {@code clientId} from {@code address} at {@code now} be checked, or refuses it
     * ({@link ClientAttempt#refusal()}). One let through holds its share of the limits until it reports its outcome,
     * exactly once, with {@link ClientAttempt#succeeded} or {@link ClientAttempt#failed}.
     */
    public ClientAttempt admitClient(Optional<String> address, String clientId, Instant now) {
        String source = sources.source(address);
        return admit(source, SourceKeys.pair(clientId, source), false, now);
    }

    /**
     * As {@link #admitClient}, for a password sign-in of the account {@code email} (already validated): it counts under
     * the account and address (each account its own bucket, apart from client ids) and in the same per-address bucket
     * as client authentications, and its episodes say they are failed sign-ins.
     */
    public ClientAttempt admitSignIn(Optional<String> address, String email, Instant now) {
        Objects.requireNonNull(email, "email");
        String source = sources.source(address);
        return admit(source, SIGN_IN_KEY + email + " " + source, true, now);
    }

    private ClientAttempt admit(String source, String pair, boolean signIn, Instant now) {
        long provenAt = recent.recentSuccess(pair, now);
        if (provenAt != Long.MIN_VALUE) {
            // a pair that succeeded recently is not held up by its own attempts in flight (a rightful client's
            // concurrent grants): only failures it has reported count against it
            Optional<Duration> wait = perClient.refusal(pair);
            return wait.isPresent() ? refused(wait.get()) : new ClientAttempt(this, source, pair, signIn, provenAt, null);
        }
        // a throttled pair or source is refused before it waits for a check
        Optional<Duration> wait = perClient.refusal(pair).or(() -> perAddress.refusal(source));
        if (wait.isPresent()) {
            return refused(wait.get());
        }
        // the shares are taken only with a check slot held, so attempts in flight are at most the unproven checks,
        // and a rightful client's first burst does not empty its own bucket before any check has failed
        if (unproven != null && !acquireUnproven()) {
            return refused(BUSY_RETRY);
        }
        wait = perClient.take(pair);
        if (wait.isPresent()) {
            releaseUnproven();
            return refused(wait.get());
        }
        wait = perAddress.take(source);
        if (wait.isPresent()) {
            perClient.giveBack(pair);
            releaseUnproven();
            return refused(wait.get());
        }
        return new ClientAttempt(this, source, pair, signIn, provenAt, null);
    }

    private ClientAttempt refused(Duration wait) {
        refusedClients.increment();
        return new ClientAttempt(this, null, null, false, Long.MIN_VALUE, wait);
    }

    private boolean acquireUnproven() {
        if (unproven.tryAcquire()) {
            return true;
        }
        if (unproven.getQueueLength() >= MAX_WAITING_UNPROVEN) {
            return false;
        }
        try {
            return unproven.tryAcquire(UNPROVEN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Pairs of client id and source remembered with a recent success (expired ones until they are swept). */
    public int recentPairs() {
        return recent.size();
    }

    /**
     * One client authentication that {@link #admitClient} let through, or refused; not thread-safe (one request's).
     */
    public static final class ClientAttempt {
        private final AuthThrottle throttle;
        private final String source;
        private final String pair;
        private final boolean signIn;
        private final long provenAt;
        private final Duration refusal;
        private boolean reported;

        private ClientAttempt(AuthThrottle throttle, String source, String pair, boolean signIn, long provenAt,
                              Duration refusal) {
            this.throttle = throttle;
            this.source = source;
            this.pair = pair;
            this.signIn = signIn;
            this.provenAt = provenAt;
            this.refusal = refusal;
        }

        /** How long the caller must wait before trying again; empty: it was let through, check it now. */
        public Optional<Duration> refusal() {
            return Optional.ofNullable(refusal);
        }

        /** The check succeeded at {@code now}: nothing counts, and the pair counts as proven from now on. */
        public void succeeded(Instant now) {
            if (report()) {
                throttle.succeeded(this, now);
            }
        }

        /** The check failed; {@code passId} when the client id is a pass's (for the audit entry of an episode). */
        public void failed(Optional<PassId> passId) {
            if (report()) {
                throttle.failed(this, passId);
            }
        }

        /** The check could not be made (the store failed, say): nothing counts, and the pair is not proven. */
        public void abandoned() {
            if (report()) {
                throttle.abandoned(this);
            }
        }

        private boolean report() {
            if (refusal != null) {
                throw new IllegalStateException("a refused attempt has no outcome");
            }
            if (reported) {
                return false;
            }
            reported = true;
            return true;
        }

        private boolean proven() {
            return provenAt != Long.MIN_VALUE;
        }
    }

    private void succeeded(ClientAttempt attempt, Instant now) {
        if (!attempt.proven()) {
            perClient.giveBack(attempt.pair);
            perAddress.giveBack(attempt.source);
            releaseUnproven();
        }
        recent.succeeded(attempt.pair, now, attempt.provenAt);
    }

    private void abandoned(ClientAttempt attempt) {
        if (!attempt.proven()) {
            perClient.giveBack(attempt.pair);
            perAddress.giveBack(attempt.source);
            releaseUnproven();
        }
    }

    private void failed(ClientAttempt attempt, Optional<PassId> passId) {
        boolean emptied;
        if (attempt.proven()) {
            emptied = perClient.failed(attempt.pair);
        } else {
            releaseUnproven();
            emptied = perClient.takenFailed(attempt.pair);
        }
        String subject = attempt.pair.substring(0, attempt.pair.lastIndexOf(' '));
        if (emptied && attempt.signIn) {
            episode(passId, "account " + subject.substring(SIGN_IN_KEY.length()) + " from " + attempt.source + ": "
                    + limits.perClientAndAddress().failures() + " failed sign-ins (limit "
                    + limits.perClientAndAddress() + " per account and address)");
        } else if (emptied) {
            episode(passId, "client_id " + subject + " from " + attempt.source + ": "
                    + limits.perClientAndAddress().failures() + " failed client authentications (limit "
                    + limits.perClientAndAddress() + " per client id and address)");
        }
        if (!attempt.proven() && perAddress.takenFailed(attempt.source)) {
            episode(Optional.empty(), "address " + attempt.source + ": " + limits.perAddress().failures()
                    + (attempt.signIn ? " failed sign-ins and client authentications" : " failed client authentications")
                    + " across " + (attempt.signIn ? "accounts and " : "") + "client ids (limit " + limits.perAddress()
                    + " per address)");
        }
    }

    private void releaseUnproven() {
        if (unproven != null) {
            unproven.release();
        }
    }

    /** How long an admin-, ingest- or metrics-token attempt from {@code address} must wait; empty: go ahead. */
    public Optional<Duration> tokenRefusal(Optional<String> address) {
        Optional<Duration> refusal = tokens.refusal(sources.source(address));
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
        String from = sources.source(address);
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

        @Override
        public Optional<Duration> take(String key) {
            return Optional.empty();
        }

        @Override
        public void giveBack(String key) {
        }

        @Override
        public boolean takenFailed(String key) {
            return false;
        }
    };

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
