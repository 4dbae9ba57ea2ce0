package dev.sentinel.core.fetch;

import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The keys published at one {@code jwks_uri}, fetched through the {@link TrustedFetcher} and cached for the lifetime
 * the publisher's {@code Cache-Control: max-age} gives, within the bounds of its {@link HttpKeySources}. A set that
 * answers replaces the cached one whole, so a withdrawn key is no longer trusted after that fetch. When a due fetch
 * fails, the cached keys stay usable for the stale-if-error bound past their lifetime and are then refused (fail
 * closed) until a fetch succeeds. A {@code kid} not in the set causes one refetch, at most once per refetch interval.
 *
 * <p>One fetch at a time (single flight), at most the fetch deadline long. The caller that finds the set due makes
 * the fetch and waits for it (keeping the cached keys if it fails), so a withdrawn key is gone from the first answer
 * after the lifetime; a caller whose keys are usable never waits behind another caller's fetch, and other sets are
 * fetched independently. A caller with no usable keys, or whose {@code kid} is unknown, joins the running fetch.
 * Thread-safe.
 */
public final class CachedKeySource implements KeySource {

    private static final Logger LOG = Logger.getLogger(CachedKeySource.class.getName());

    /** A fetched set and until when it is fresh. */
    private record Snapshot(List<JWK> keys, Instant freshUntil) {
        boolean has(String kid) {
            return keys.stream().anyMatch(key -> kid.equals(key.getKeyID()));
        }
    }

    private final URI uri;
    private final TrustedFetcher fetcher;
    private final HttpKeySources.Bounds bounds;
    private final Clock clock;
    private final AtomicReference<CompletableFuture<Snapshot>> inFlight = new AtomicReference<>();
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Snapshot snapshot;
    private volatile Instant lastAttempt;
    private volatile String lastFailure = "the keys were not fetched yet";

    CachedKeySource(URI uri, TrustedFetcher fetcher, HttpKeySources.Bounds bounds, Clock clock) {
        this.uri = uri;
        this.fetcher = fetcher;
        this.bounds = bounds;
        this.clock = clock;
    }

    /** Where the keys are published. */
    public URI uri() {
        return uri;
    }

    @Override
    public List<JWK> keys(Optional<String> kid) {
        Instant now = clock.instant();
        Snapshot current = snapshot;
        if (current == null) {
            return awaitFetch(now).keys;
        }
        boolean fresh = now.isBefore(current.freshUntil);
        boolean usable = fresh || now.isBefore(current.freshUntil.plus(bounds.staleIfError()));
        boolean knownKid = kid.isEmpty() || current.has(kid.get());
        if (usable && knownKid) {
            if (fresh || inFlight.get() != null || !mayAttempt(now)) {
                return current.keys; // fresh, or another caller is refreshing: never wait behind it
            }
            try {
                return awaitFetch(now).keys; // due: this caller refreshes, so a withdrawn key goes now
            } catch (KeysUnavailableException failed) {
                return current.keys;
            }
        }
        if (usable) {
            // an unknown kid: perhaps a rotated key; one refetch, rate-limited, then whatever is known
            if (inFlight.get() == null && !mayAttempt(now)) {
                return current.keys;
            }
            try {
                return awaitFetch(now).keys;
            } catch (KeysUnavailableException failed) {
                return current.keys;
            }
        }
        return awaitFetch(now).keys;
    }

    /** How many fetches were started, and how many of them failed. */
    public long fetches() {
        return fetches.get();
    }

    public long failures() {
        return failures.get();
    }

    private boolean mayAttempt(Instant now) {
        Instant last = lastAttempt;
        return last == null || !now.isBefore(last.plus(bounds.refetchInterval()));
    }

    private Snapshot awaitFetch(Instant now) {
        CompletableFuture<Snapshot> running = inFlight.get();
        if (running == null) {
            if (!mayAttempt(now)) {
                throw unavailable();
            }
            running = start(now);
        }
        try {
            return running.get(fetcher.policy().timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new KeysUnavailableException("interrupted while fetching the keys at " + TrustedFetcher.shown(uri));
        } catch (ExecutionException | TimeoutException failed) {
            throw unavailable();
        }
    }

    /** Starts a fetch unless one is running; returns the running one. */
    private CompletableFuture<Snapshot> start(Instant now) {
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        while (!inFlight.compareAndSet(null, mine)) {
            CompletableFuture<Snapshot> other = inFlight.get();
            if (other != null) {
                return other;
            }
        }
        lastAttempt = now;
        fetches.incrementAndGet();
        fetcher.getAsync(uri).handle((fetched, failure) -> {
            try {
                if (failure != null) {
                    throw TrustedFetcher.unwrap(failure) instanceof FetchException known ? new IllegalArgumentException(known.reason())
                            : new IllegalArgumentException(TrustedFetcher.shown(uri) + " failed: " + failure);
                }
                List<JWK> keys = FetchedJwks.parse(fetched.text(), TrustedFetcher.shown(uri));
                Snapshot next = new Snapshot(keys, clock.instant().plus(bounds.lifetime(fetched.maxAge())));
                snapshot = next;
                inFlight.set(null);
                mine.complete(next);
            } catch (RuntimeException refused) {
                failures.incrementAndGet();
                lastFailure = refused.getMessage();
                LOG.warning("could not fetch the keys at " + TrustedFetcher.shown(uri) + ": " + refused.getMessage());
                inFlight.set(null);
                mine.completeExceptionally(refused);
            }
            return null;
        });
        return mine;
    }

    private KeysUnavailableException unavailable() {
        Snapshot current = snapshot;
        String stale = current == null ? "" : "; the keys fetched before are stale beyond the "
                + HttpKeySources.describe(bounds.staleIfError()) + " bound (fresh until " + current.freshUntil + ")";
        return new KeysUnavailableException("the keys at " + TrustedFetcher.shown(uri) + " could not be fetched: "
                + lastFailure + stale);
    }

    @Override
    public String toString() {
        return "CachedKeySource[" + TrustedFetcher.shown(uri) + "]";
    }
}
