package dev.sentinel.resource.verify;

import dev.sentinel.core.jose.VerificationKey;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The issuer's published keys, fetched once and then again only when a token names an unknown {@code kid} or the
 * copy is older than the maximum age, and never more often than once per refetch interval: a flood of tokens with
 * made-up key ids costs the issuer at most one request per interval. A failed refetch keeps the keys already known.
 * Thread-safe: one fetch at a time, readers never wait for a fetch unless they need its result.
 */
final class JwksCache {

    private static final Logger LOG = Logger.getLogger(JwksCache.class.getName());

    /** The key for a {@code kid}, or why there is none. */
    record Lookup(Optional<VerificationKey> key, Optional<String> unavailable) {
    }

    private record Snapshot(Map<String, VerificationKey> keys, long fetchedAtNanos) {
    }

    private final Supplier<URI> jwksUri;
    private final IssuerHttp http;
    private final long refetchIntervalNanos;
    private final long maxAgeNanos;
    private final LongSupplier ticker;
    private final Object fetching = new Object();
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Snapshot snapshot;
    private volatile long lastAttemptNanos;
    private volatile boolean attempted;
    private volatile String lastFailure = "the keys were not fetched yet";

    JwksCache(Supplier<URI> jwksUri, IssuerHttp http, long refetchIntervalNanos, long maxAgeNanos, LongSupplier ticker) {
        this.jwksUri = jwksUri;
        this.http = http;
        this.refetchIntervalNanos = refetchIntervalNanos;
        this.maxAgeNanos = maxAgeNanos;
        this.ticker = ticker;
    }

    Lookup key(String kid) {
        Snapshot current = snapshot;
        long now = ticker.getAsLong();
        boolean stale = current == null || now - current.fetchedAtNanos >= maxAgeNanos;
        VerificationKey known = current == null ? null : current.keys.get(kid);
        if (known != null && !stale) {
            return new Lookup(Optional.of(known), Optional.empty());
        }
        Snapshot refreshed = refetch(current);
        if (refreshed == null) {
            return new Lookup(Optional.empty(), Optional.of(lastFailure));
        }
        return new Lookup(Optional.ofNullable(refreshed.keys.get(kid)), Optional.empty());
    }

    /** How many times the keys were requested. */
    long fetches() {
        return fetches.get();
    }

    /** How many of those requests failed. */
    long failures() {
        return failures.get();
    }

    /**
     * Fetches the keys unless another thread just did or the last attempt is less than one refetch interval ago;
     * returns the keys to use, or null when none were ever fetched.
     */
    private Snapshot refetch(Snapshot seen) {
        synchronized (fetching) {
            Snapshot current = snapshot;
            if (current != seen) {
                return current; // another thread fetched while this one waited
            }
            long now = ticker.getAsLong();
            if (attempted && now - lastAttemptNanos < refetchIntervalNanos) {
                return current;
            }
            attempted = true;
            lastAttemptNanos = now;
            fetches.incrementAndGet();
            try {
                Snapshot fetched = new Snapshot(parse(http.getJson(jwksUri.get())), now);
                snapshot = fetched;
                return fetched;
            } catch (IssuerHttp.Unavailable | IllegalStateException failure) {
                failures.incrementAndGet();
                lastFailure = failure.getMessage();
                LOG.warning("could not fetch the issuer's keys" + (current == null ? "" : "; keeping the known ones")
                        + ": " + failure.getMessage());
                return current;
            }
        }
    }

    private static Map<String, VerificationKey> parse(Map<String, Object> jwks) {
        if (!(jwks.get("keys") instanceof List<?> keys)) {
            throw new IllegalStateException("the JWKS has no keys array");
        }
        Map<String, VerificationKey> parsed = new HashMap<>();
        for (Object entry : keys) {
            if (!(entry instanceof Map<?, ?> jwk)) {
                continue;
            }
            try {
                @SuppressWarnings("unchecked")
                VerificationKey key = VerificationKey.fromJwk((Map<String, ?>) jwk);
                parsed.putIfAbsent(key.kid(), key);
            } catch (IllegalArgumentException unusable) {
                LOG.fine("skipping a JWK: " + unusable.getMessage());
            }
        }
        return Map.copyOf(parsed);
    }
}
