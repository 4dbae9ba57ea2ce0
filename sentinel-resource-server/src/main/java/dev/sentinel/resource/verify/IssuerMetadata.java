package dev.sentinel.resource.verify;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The issuer's RFC 8414 metadata, read once: where its keys and its introspection endpoint are. The metadata must name
 * the configured issuer exactly (RFC 8414 §3.3), so a mistyped or impersonated issuer URL fails loudly. A failed read
 * is retried at most once per refetch interval. Thread-safe.
 */
final class IssuerMetadata {

    /** The endpoints the verifier uses. */
    record Endpoints(URI jwksUri, Optional<URI> introspectionEndpoint) {
    }

    private final String issuer;
    private final URI metadataUri;
    private final IssuerHttp http;
    private final long retryIntervalNanos;
    private final LongSupplier ticker;
    private volatile Endpoints endpoints;
    private long lastAttemptNanos;
    private boolean attempted;
    private String lastFailure = "";

    IssuerMetadata(String issuer, URI metadataUri, IssuerHttp http, long retryIntervalNanos, LongSupplier ticker) {
        this.issuer = issuer;
        this.metadataUri = metadataUri;
        this.http = http;
        this.retryIntervalNanos = retryIntervalNanos;
        this.ticker = ticker;
    }

    /** RFC 8414 §3.1: {@code /.well-known/oauth-authorization-server} inserted between the host and the issuer's path. */
    static URI wellKnown(URI issuer) {
        String path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return issuer.resolve("/.well-known/oauth-authorization-server" + path);
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
                endpoints = read(http.getJson(metadataUri));
                return endpoints;
            } catch (IssuerHttp.Unavailable | IllegalStateException | IllegalArgumentException failure) {
                lastFailure = "the issuer's metadata could not be read: " + failure.getMessage();
                throw new IllegalStateException(lastFailure);
            }
        }
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
                ? Optional.of(URI.create(endpoint)) : Optional.empty();
        return new Endpoints(URI.create(jwks), introspection);
    }
}
