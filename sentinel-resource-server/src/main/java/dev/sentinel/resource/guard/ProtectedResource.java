package dev.sentinel.resource.guard;

import dev.sentinel.core.domain.ScopeTokens;
import dev.sentinel.core.jose.JoseJson;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The OAuth 2.0 protected-resource metadata (RFC 9728) of an API a guard protects: its resource identifier, the
 * authorization servers that issue its tokens, the scopes it knows and that it takes bearer tokens in the
 * {@code Authorization} header only. Agents, MCP clients among them, read it to learn where to get a token; the guard
 * points to it from every {@code WWW-Authenticate} challenge ({@code resource_metadata}). Immutable, thread-safe.
 *
 * <pre>{@code
 * ProtectedResource orders = ProtectedResource.builder("https://api.example.com/orders")
 *         .authorizationServer("https://auth.example.com")
 *         .scopesSupported(List.of("read:orders"))
 *         .build();   // served at https://api.example.com/.well-known/oauth-protected-resource/orders
 * }</pre>
 */
public final class ProtectedResource {

    /** The well-known path segment RFC 9728 §3 registers. */
    public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";
    /** Path characters allowed in a resource identifier: unreserved ones, '/' and percent-encoded octets. */
    private static final Pattern PATH = Pattern.compile("(/([A-Za-z0-9._~!$&'()+,;=:@-]|%[0-9A-Fa-f]{2})*)*");

    private final URI resource;
    private final List<String> authorizationServers;
    private final List<String> scopesSupported;
    private final String resourceName;
    private final String metadataPath;

    private ProtectedResource(Builder builder) {
        this.resource = builder.resource;
        this.authorizationServers = List.copyOf(builder.authorizationServers);
        this.scopesSupported = List.copyOf(builder.scopesSupported);
        this.resourceName = builder.resourceName;
        String path = resource.getRawPath() == null ? "" : resource.getRawPath();
        this.metadataPath = WELL_KNOWN + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    /**
     * Starts the metadata of the API identified by {@code resource}: an {@code https} URL without query or fragment
     * ({@code http} only for a loopback host, for development), the value agents send as the RFC 8707
     * {@code resource} parameter.
     *
     * @throws IllegalArgumentException naming the rule {@code resource} breaks
     */
    public static Builder builder(String resource) {
        return new Builder(checkedUrl("resource", resource));
    }

    /** The resource identifier. */
    public URI resource() {
        return resource;
    }

    /** The issuers of the API's tokens, in order. */
    public List<String> authorizationServers() {
        return authorizationServers;
    }

    /** The scopes published; empty when none are. */
    public List<String> scopesSupported() {
        return scopesSupported;
    }

    /**
     * Where the metadata is served on the API's host (RFC 9728 §3.1): {@value #WELL_KNOWN} followed by the resource
     * identifier's path without a final '/', e.g. {@code /.well-known/oauth-protected-resource/orders}.
     */
    public String metadataPath() {
        return metadataPath;
    }

    /** The metadata's full URL, as {@code resource_metadata} in challenges names it. */
    public URI metadataUri() {
        return URI.create(resource.getScheme() + "://" + resource.getRawAuthority() + metadataPath);
    }

    /** The metadata document's members, in the order they are served. */
    public Map<String, Object> metadata() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("resource", resource.toString());
        document.put("authorization_servers", authorizationServers);
        if (!scopesSupported.isEmpty()) {
            document.put("scopes_supported", scopesSupported);
        }
        document.put("bearer_methods_supported", List.of("header"));
        if (resourceName != null) {
            document.put("resource_name", resourceName);
        }
        return document;
    }

    /** The metadata document as JSON. */
    public byte[] json() {
        return JoseJson.write(metadata());
    }

    @Override
    public String toString() {
        return "ProtectedResource[" + resource + "]";
    }

    private static URI checkedUrl(String member, String value) {
        Objects.requireNonNull(value, member);
        URI url;
        try {
            url = new URI(value.strip());
        } catch (java.net.URISyntaxException malformed) {
            throw new IllegalArgumentException(member + " must be a URL (got '" + value + "')");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(member + " must be an absolute https URL with a host (got '" + value + "')");
        }
        if (scheme.equals("http") && !isLoopback(url.getHost())) {
            throw new IllegalArgumentException(member + " must use https; http is allowed only for a loopback host "
                    + "(got '" + value + "')");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(member + " must have no query, fragment or user info (got '" + value
                    + "')");
        }
        if (!PATH.matcher(url.getRawPath() == null ? "" : url.getRawPath()).matches()) {
            throw new IllegalArgumentException(member + " must have a plain path: letters, digits, '/' and "
                    + "-._~!$&'()+,;=:@ or percent-encoded octets (got '" + value + "')");
        }
        return url;
    }

    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost") || bare.equals("::1") || bare.startsWith("127.");
    }

    /** Configures the metadata; {@link #build()} copies every value. Not thread-safe. */
    public static final class Builder {
        private final URI resource;
        private final List<String> authorizationServers = new ArrayList<>();
        private List<String> scopesSupported = List.of();
        private String resourceName;

        private Builder(URI resource) {
            this.resource = resource;
        }

        /**
         * Adds an issuer of the API's tokens (its {@code iss}, e.g. the URL {@code sentinel serve} answers on, or its
         * {@code --issuer}); at least one is required. Agents read its RFC 8414 metadata to find the token endpoint.
         *
         * @throws IllegalArgumentException naming the rule {@code issuer} breaks
         */
        public Builder authorizationServer(String issuer) {
            String checked = checkedUrl("authorization server", issuer).toString();
            if (!authorizationServers.contains(checked)) {
                authorizationServers.add(checked);
            }
            return this;
        }

        /**
         * The scopes to publish as {@code scopes_supported}, e.g. the permissions the API's routes require; default
         * none, which leaves the member out. Each an RFC 6749 scope token; at most 100.
         */
        public Builder scopesSupported(List<String> scopes) {
            ScopeTokens.check(scopes);
            this.scopesSupported = List.copyOf(new LinkedHashSet<>(scopes));
            return this;
        }

        /** A name for people ({@code resource_name}), e.g. "Orders API"; default none. */
        public Builder resourceName(String name) {
            if (name == null || name.isBlank() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("resource name must be 1-200 characters without control characters");
            }
            this.resourceName = name.strip();
            return this;
        }

        /**
         * The metadata.
         *
         * @throws IllegalStateException when no authorization server was given
         */
        public ProtectedResource build() {
            if (authorizationServers.isEmpty()) {
                throw new IllegalStateException("a protected resource needs at least one authorization server");
            }
            return new ProtectedResource(this);
        }
    }
}
