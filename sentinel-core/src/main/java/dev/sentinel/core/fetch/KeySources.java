package dev.sentinel.core.fetch;

import java.net.URI;

/**
 * The node's fetched key sets, under the node's fetch policy (private targets, allowed hosts): one cache per
 * {@code jwks_uri} or issuer, shared by every caller on the node. Thread-safe.
 */
public interface KeySources {

    /** The keys published at {@code jwksUri} (a pass's {@code jwks_uri}, a trust policy's). */
    KeySource jwksUri(URI jwksUri);

    /**
     * The keys of {@code issuer}: its {@code jwks_uri} found by RFC 8414 or OpenID Connect discovery, whose
     * {@code issuer} must equal {@code issuer}; the keys may live on another host.
     */
    KeySource issuer(URI issuer);
}
