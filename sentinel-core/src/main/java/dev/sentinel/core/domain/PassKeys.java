package dev.sentinel.core.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * The public keys of a {@link CredentialType#PRIVATE_KEY_JWT} pass, with the RFC 7591 client metadata names: an inline
 * JWK set ({@code jwks}, the public keys as stored, already checked: see
 * {@code dev.sentinel.core.fetch.PublicJwks}) or a {@code jwks_uri} (https) the keys are fetched from; exactly one of
 * the two. {@code acceptTokenEndpointAudience} lets the pass's assertions name the token endpoint URL as their
 * {@code aud} besides the issuer (Spring Security's client sends it). A pass with a client secret has {@link #none()}.
 * Immutable.
 */
public record PassKeys(Optional<String> jwks, Optional<URI> jwksUri, boolean acceptTokenEndpointAudience) {

    public static final String JWKS_FIELD = "jwks";
    public static final String JWKS_URI_FIELD = "jwks_uri";
    public static final String ACCEPT_TOKEN_ENDPOINT_AUDIENCE_FIELD = "accept_token_endpoint_audience";
    public static final int URI_MAX_LENGTH = 2000;

    private static final PassKeys NONE = new PassKeys(Optional.empty(), Optional.empty(), false);

    public PassKeys {
        Objects.requireNonNull(jwks, JWKS_FIELD);
        Objects.requireNonNull(jwksUri, JWKS_URI_FIELD);
        if (jwks.isPresent() && jwksUri.isPresent()) {
            throw ValidationException.of(JWKS_URI_FIELD, "must not be given together with jwks: give one of the two");
        }
        if (jwks.isEmpty() && jwksUri.isEmpty() && acceptTokenEndpointAudience) {
            throw ValidationException.of(ACCEPT_TOKEN_ENDPOINT_AUDIENCE_FIELD, "applies only to a pass with keys");
        }
    }

    /** The keys of a pass that authenticates with a client secret: none. */
    public static PassKeys none() {
        return NONE;
    }

    /** An inline JWK set of checked public keys (JSON with a {@code keys} array). */
    public static PassKeys inline(String jwks, boolean acceptTokenEndpointAudience) {
        return new PassKeys(Optional.of(jwks), Optional.empty(), acceptTokenEndpointAudience);
    }

    /** Keys fetched from {@code jwksUri}. */
    public static PassKeys remote(URI jwksUri, boolean acceptTokenEndpointAudience) {
        return new PassKeys(Optional.empty(), Optional.of(jwksUri), acceptTokenEndpointAudience);
    }

    /** Whether the pass holds keys (inline or by URI). */
    public boolean present() {
        return jwks.isPresent() || jwksUri.isPresent();
    }

    /** These keys with the opt-in set to {@code accept}. */
    public PassKeys withAcceptTokenEndpointAudience(boolean accept) {
        return new PassKeys(jwks, jwksUri, accept);
    }

    /**
     * Parses a {@code jwks_uri}: an absolute https URI of at most {@value #URI_MAX_LENGTH} characters, without user
     * information or fragment; plain http only to a loopback or private IP address literal (which the fetcher reaches
     * only when the server allows private targets).
     *
     * @throws ValidationException naming {@value #JWKS_URI_FIELD} and the rule
     */
    public static URI parseUri(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > URI_MAX_LENGTH) {
            throw ValidationException.of(JWKS_URI_FIELD, "must be an https URL of 1-" + URI_MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException malformed) {
            throw ValidationException.of(JWKS_URI_FIELD, "must be an https URL (" + malformed.getReason() + ")");
        }
        boolean plainHttp = "http".equalsIgnoreCase(uri.getScheme());
        if (!("https".equalsIgnoreCase(uri.getScheme()) || plainHttp) || uri.getHost() == null) {
            throw ValidationException.of(JWKS_URI_FIELD, "must be an https URL with a host, e.g. https://agent.example.com/jwks.json");
        }
        if (plainHttp && !privateAddressLiteral(uri.getHost())) {
            throw ValidationException.of(JWKS_URI_FIELD, "must be an https URL: plain http is only for a loopback or "
                    + "private address written as an IP address (fetched only when the server allows private targets)");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw ValidationException.of(JWKS_URI_FIELD, "must not carry user information or a fragment");
        }
        return uri;
    }

    /**
     * Whether {@code host} is an IP address literal (no name is resolved here) of loopback, link-local or private
     * networks: where the fetcher takes plain http, with private targets allowed.
     */
    private static boolean privateAddressLiteral(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return false;
        }
        try {
            java.net.InetAddress address = java.net.InetAddress.getByName(literal);
            byte[] bytes = address.getAddress();
            boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
            return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                    || uniqueLocal;
        } catch (java.net.UnknownHostException notAnAddress) {
            return false;
        }
    }

    @Override
    public String toString() {
        return jwksUri.map(uri -> "jwks_uri=" + uri).orElse(jwks.isPresent() ? "jwks" : "none")
                + (acceptTokenEndpointAudience ? " accept_token_endpoint_audience" : "");
    }
}
