package dev.sentinel.core.fetch;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * The node's fetched key sets, each {@code jwks_uri} and each issuer cached once and shared, all fetched through one
 * {@link TrustedFetcher} (so under one {@link FetchPolicy}). A set is refreshed after the {@code max-age} its
 * publisher gives, kept within 5 min to 24 h (15 min when it gives none);
 * when a refresh fails the cached keys stay usable for the stale-if-error bound (default 1 h) and are then refused;
 * an unknown {@code kid} causes one refetch, at most once per refetch interval (default 10 s). See
 * {@link CachedKeySource} for who waits for what. At most {@value #MAX_SOURCES} sets are cached (least recently used
 * dropped). Thread-safe.
 */
public final class HttpKeySources implements KeySources {

    public static final Duration MIN_REFRESH = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(15);
    public static final Duration MAX_REFRESH = Duration.ofHours(24);
    public static final Duration DEFAULT_STALE_IF_ERROR = Duration.ofHours(1);
    public static final Duration DEFAULT_REFETCH_INTERVAL = Duration.ofSeconds(10);
    static final int MAX_SOURCES = 10_000;

    /** How long a set is fresh, how long past that it may serve when fetching fails, how often a refetch may run. */
    record Bounds(Duration minRefresh, Duration defaultRefresh, Duration maxRefresh, Duration staleIfError,
                  Duration refetchInterval) {

        Duration lifetime(Optional<Duration> maxAge) {
            Duration wanted = maxAge.orElse(defaultRefresh);
            return wanted.compareTo(minRefresh) < 0 ? minRefresh : wanted.compareTo(maxRefresh) > 0 ? maxRefresh : wanted;
        }
    }

    private final TrustedFetcher fetcher;
    private final Bounds bounds;
    private final Clock clock;
    private final Cache<URI, CachedKeySource> byUri = CacheBuilder.newBuilder().maximumSize(MAX_SOURCES).build();
    private final Cache<URI, IssuerKeySource> byIssuer = CacheBuilder.newBuilder().maximumSize(MAX_SOURCES).build();

    private HttpKeySources(Builder builder) {
        this.fetcher = builder.fetcher;
        this.bounds = new Bounds(builder.minRefresh, builder.defaultRefresh, builder.maxRefresh, builder.staleIfError,
                builder.refetchInterval);
        this.clock = builder.clock;
    }

    public static Builder builder(TrustedFetcher fetcher) {
        return new Builder(fetcher);
    }

    @Override
    public CachedKeySource jwksUri(URI jwksUri) {
        Objects.requireNonNull(jwksUri, "jwksUri");
        try {
            return byUri.get(jwksUri, () -> new CachedKeySource(jwksUri, fetcher, bounds, clock));
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public IssuerKeySource issuer(URI issuer) {
        Objects.requireNonNull(issuer, "issuer");
        try {
            return byIssuer.get(issuer, () -> new IssuerKeySource(issuer, this, fetcher, bounds, clock));
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The policy every fetch goes through. */
    public FetchPolicy policy() {
        return fetcher.policy();
    }

    /** The stale-if-error bound. */
    public Duration staleIfError() {
        return bounds.staleIfError();
    }

    static String describe(Duration duration) {
        if (duration.toSeconds() % 3600 == 0 && duration.toHours() > 0) {
            return duration.toHours() + " h";
        }
        if (duration.toSeconds() % 60 == 0 && duration.toMinutes() > 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    @Override
    public String toString() {
        return "HttpKeySources[" + fetcher.policy() + ", " + bounds + "]";
    }

    /** Configures the key sets; {@link #build()} copies every value. Not thread-safe. */
    public static final class Builder {
        private final TrustedFetcher fetcher;
        private Duration minRefresh = MIN_REFRESH;
        private Duration defaultRefresh = DEFAULT_REFRESH;
        private Duration maxRefresh = MAX_REFRESH;
        private Duration staleIfError = DEFAULT_STALE_IF_ERROR;
        private Duration refetchInterval = DEFAULT_REFETCH_INTERVAL;
        private Clock clock = Clock.systemUTC();

        private Builder(TrustedFetcher fetcher) {
            this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        }

        /**
         * How long a fetched set is used before it is fetched again: the publisher's {@code max-age} kept between
         * {@code min} and {@code max}, {@code fallback} without one. Each between 1 s and 7 days, min ≤ fallback ≤ max.
         */
        public Builder refresh(Duration min, Duration fallback, Duration max) {
            between("refresh minimum", min, Duration.ofSeconds(1), Duration.ofDays(7));
            between("refresh default", fallback, min, max);
            between("refresh maximum", max, min, Duration.ofDays(7));
            this.minRefresh = min;
            this.defaultRefresh = fallback;
            this.maxRefresh = max;
            return this;
        }

        /** How long past their lifetime cached keys are used while fetching fails; 0 to 7 days, default 1 h. */
        public Builder staleIfError(Duration value) {
            this.staleIfError = between("staleIfError", value, Duration.ZERO, Duration.ofDays(7));
            return this;
        }

        /** The least time between two fetches caused by an unknown kid or a failure; 0 to 1 h, default 10 s. */
        public Builder refetchInterval(Duration value) {
            this.refetchInterval = between("refetchInterval", value, Duration.ZERO, Duration.ofHours(1));
            return this;
        }

        /** The clock that ages cached sets; tests move it. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public HttpKeySources build() {
            return new HttpKeySources(this);
        }

        private static Duration between(String name, Duration value, Duration min, Duration max) {
            Objects.requireNonNull(value, name);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + " (got " + value + ")");
            }
            return value;
        }
    }
}
