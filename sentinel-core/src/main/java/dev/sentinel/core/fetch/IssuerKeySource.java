package dev.sentinel.core.fetch;

import com.nimbusds.jose.jwk.JWK;
import dev.sentinel.core.jose.JoseJson;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The keys of an issuer known by its identifier: its {@code jwks_uri} found by OpenID Connect discovery
 * ({@code /.well-known/openid-configuration} appended to the issuer), or, when that answers another status than 200,
 * RFC 8414 ({@code /.well-known/oauth-authorization-server} inserted before the issuer's path). OpenID comes first
 * because the issuers of workload identities (GitHub Actions, GitLab, Kubernetes, cloud providers) publish that one.
 * The document's {@code issuer} must equal the issuer exactly; its {@code jwks_uri} may be on another host and is
 * fetched under the same address rules. The document is read again after the longest key lifetime (24 h), and the
 * last one that answered is kept while that fails. Thread-safe.
 */
public final class IssuerKeySource implements KeySource {

    private record Discovered(URI jwksUri, Instant readAt) {
    }

    private final URI issuer;
    private final HttpKeySources sources;
    private final TrustedFetcher fetcher;
    private final HttpKeySources.Bounds bounds;
    private final Clock clock;
    private final AtomicReference<CompletableFuture<Discovered>> inFlight = new AtomicReference<>();
    private volatile Discovered discovered;
    private volatile Instant lastAttempt;
    private volatile String lastFailure = "";

    IssuerKeySource(URI issuer, HttpKeySources sources, TrustedFetcher fetcher, HttpKeySources.Bounds bounds, Clock clock) {
        this.issuer = issuer;
        this.sources = sources;
        this.fetcher = fetcher;
        this.bounds = bounds;
        this.clock = clock;
    }

    @Override
    public List<JWK> keys(Optional<String> kid) {
        return sources.jwksUri(jwksUri()).keys(kid);
    }

    /**
     * The issuer's {@code jwks_uri}.
     *
     * @throws KeysUnavailableException when discovery fails and nothing was discovered before
     */
    public URI jwksUri() {
        Instant now = clock.instant();
        Discovered known = discovered;
        if (known != null) {
            if (!now.isBefore(known.readAt.plus(bounds.maxRefresh())) && inFlight.get() == null && mayAttempt(now)) {
                start(now);
            }
            return known.jwksUri;
        }
        CompletableFuture<Discovered> running = inFlight.get();
        if (running == null) {
            if (!mayAttempt(now)) {
                throw new KeysUnavailableException(lastFailure);
            }
            running = start(now);
        }
        try {
            return running.get(3 * fetcher.policy().timeout().toMillis() + 1000, TimeUnit.MILLISECONDS).jwksUri;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new KeysUnavailableException("interrupted while discovering the keys of " + issuer);
        } catch (ExecutionException | TimeoutException failed) {
            throw new KeysUnavailableException(lastFailure);
        }
    }

    /** OpenID Connect Discovery 1.0 §4: the issuer with {@code /.well-known/openid-configuration} appended. */
    static URI openIdConfiguration(URI issuer) {
        String text = issuer.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text)
                + "/.well-known/openid-configuration");
    }

    /** RFC 8414 §3.1: {@code /.well-known/oauth-authorization-server} between the host and the issuer's path. */
    public static URI oauthAuthorizationServer(URI issuer) {
        String path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return issuer.resolve("/.well-known/oauth-authorization-server" + path);
    }

    private boolean mayAttempt(Instant now) {
        Instant last = lastAttempt;
        return last == null || !now.isBefore(last.plus(bounds.refetchInterval()));
    }

    private CompletableFuture<Discovered> start(Instant now) {
        CompletableFuture<Discovered> mine = new CompletableFuture<>();
        while (!inFlight.compareAndSet(null, mine)) {
            CompletableFuture<Discovered> other = inFlight.get();
            if (other != null) {
                return other;
            }
        }
        lastAttempt = now;
        URI first;
        try {
            first = openIdConfiguration(issuer);
        } catch (IllegalArgumentException unusable) {
            fail(mine, "the issuer " + issuer + " is not a URL discovery can start from");
            return mine;
        }
        fetcher.getAsync(first).exceptionallyCompose(failure -> {
            if (TrustedFetcher.unwrap(failure) instanceof FetchException status && status.kind() == FetchException.Kind.HTTP_STATUS) {
                return fetcher.getAsync(oauthAuthorizationServer(issuer));
            }
            return CompletableFuture.failedFuture(failure);
        }).handle((fetched, failure) -> {
            try {
                if (failure != null) {
                    Throwable cause = TrustedFetcher.unwrap(failure);
                    throw new IllegalArgumentException(cause instanceof FetchException known ? known.reason()
                            : cause.toString());
                }
                Discovered found = new Discovered(read(fetched), clock.instant());
                discovered = found;
                inFlight.set(null);
                mine.complete(found);
            } catch (RuntimeException refused) {
                fail(mine, "the keys of the issuer " + issuer + " could not be discovered: " + refused.getMessage());
            }
            return null;
        });
        return mine;
    }

    private void fail(CompletableFuture<Discovered> mine, String reason) {
        lastFailure = reason;
        inFlight.set(null);
        mine.completeExceptionally(new KeysUnavailableException(reason));
    }

    private URI read(Fetched fetched) {
        String source = TrustedFetcher.shown(fetched.uri());
        Map<String, Object> metadata;
        try {
            metadata = JoseJson.read(fetched.body());
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException(source + " is not a JSON object");
        }
        if (!issuer.toString().equals(metadata.get("issuer"))) {
            throw new IllegalArgumentException(source + " names the issuer " + metadata.get("issuer") + ", not " + issuer);
        }
        if (!(metadata.get("jwks_uri") instanceof String jwks)) {
            throw new IllegalArgumentException(source + " has no jwks_uri");
        }
        try {
            return new URI(jwks);
        } catch (java.net.URISyntaxException unreadable) {
            throw new IllegalArgumentException(source + " has a jwks_uri that is not a URI");
        }
    }

    @Override
    public String toString() {
        return "IssuerKeySource[" + issuer + "]";
    }
}
