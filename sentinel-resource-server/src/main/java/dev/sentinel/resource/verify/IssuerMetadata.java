package dev.sentinel.resource.verify;

import dev.sentinel.core.fetch.FetchException;
import dev.sentinel.core.fetch.IssuerKeySource;
import dev.sentinel.core.fetch.TrustedFetcher;
import dev.sentinel.core.jose.JoseJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The issuer's RFC 8414 metadata, read once: where its keys and its introspection endpoint are. The metadata must name
 * the configured issuer exactly (RFC 8414 §3.3), so a mistyped or impersonated issuer URL fails loudly, and its
 * {@code jwks_uri} and {@code introspection_endpoint} must be on the issuer's own origin (scheme, host and port): a
 * Sentinel publishes them there, and an address elsewhere is refused, never followed. A failed read is retried at most
 * once per refetch interval. Thread-safe.
 */
final class IssuerMetadata {

    /** The endpoints the verifier uses. */
    record Endpoints(URI jwksUri, Optional<URI> introspectionEndpoint) {
    }

    private final String issuer;
    private final URI metadataUri;
    private final TrustedFetcher fetcher;
    private final long retryIntervalNanos;
    private final LongSupplier ticker;
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
    private volatile Endpoints endpoints;
    private long lastAttemptNanos;
    private boolean attempted;
    private String lastFailure = "";

    IssuerMetadata(String issuer, URI metadataUri, TrustedFetcher fetcher, long retryIntervalNanos, LongSupplier ticker) {
        this.issuer = issuer;
        this.metadataUri = metadataUri;
        this.fetcher = fetcher;
        this.retryIntervalNanos = retryIntervalNanos;
        this.ticker = ticker;
    }

    static URI wellKnown(URI issuer) {
        return IssuerKeySource.oauthAuthorizationServer(issuer);
    }

    /**
     * @throws IllegalStateException when the metadata cannot be read now, with the reason
     */
    Endpoints endpoints() {
        Endpoints known = endpoints;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (endpoints != null) {
                return endpoints;
            }
            long now = ticker.getAsLong();
            if (attempted && now - lastAttemptNanos < retryIntervalNanos) {
                throw new IllegalStateException(lastFailure);
            }
            attempted = true;
            lastAttemptNanos = now;
            try {
                endpoints = read(JoseJson.read(fetcher.get(metadataUri).body()));
                return endpoints;
            } catch (FetchException failed) {
                failures.incrementAndGet();
                lastFailure = "the issuer's metadata could not be read: " + failed.reason();
                throw new IllegalStateException(lastFailure);
            } catch (IllegalStateException | IllegalArgumentException failure) {
                failures.incrementAndGet();
                lastFailure = "the issuer's metadata could not be read: " + failure.getMessage();
                throw new IllegalStateException(lastFailure);
            }
        }
    }

    /** How many reads of the metadata failed (each a request that was made). */
    long failures() {
        return failures.get();
    }

    private Endpoints read(Map<String, Object> metadata) {
        if (!issuer.equals(metadata.get("issuer"))) {
            throw new IllegalStateException(metadataUri + " names the issuer " + metadata.get("issuer")
                    + ", not " + issuer);
        }
        if (!(metadata.get("jwks_uri") instanceof String jwks)) {
            throw new IllegalStateException(metadataUri + " has no jwks_uri");
        }
        Optional<URI> introspection = metadata.get("introspection_endpoint") instanceof String endpoint
                ? Optional.of(sameOrigin("introspection_endpoint", endpoint)) : Optional.empty();
        return new Endpoints(sameOrigin("jwks_uri", jwks), introspection);
    }

    private URI sameOrigin(String member, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException malformed) {
            throw new IllegalStateException(metadataUri + " has a " + member + " that is not a URI");
        }
        URI own = URI.create(issuer);
        if (!origin(own).equals(origin(uri))) {
            throw new IllegalStateException("its " + member + " " + originText(uri) + " is not on the issuer's origin "
                    + origin(own) + "; it is refused, not followed");
        }
        return uri;
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.isOpaque() || uri.getHost() == null) {
            return scheme + ":";
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static String originText(URI uri) {
        String origin = origin(uri);
        return origin.endsWith(":") ? "(a " + origin + " URI)" : "on " + origin;
    }
}
