package dev.sentinel.http.oauth;

import dev.sentinel.core.SentinelNode;
import dev.sentinel.core.application.oauth.TokenService;
import dev.sentinel.http.metrics.ServerMetrics;
import dev.sentinel.http.web.Routes;

/**
 * The OAuth 2.0 authorization server's routes: token, introspection and revocation, the RFC 8414 metadata (also at
 * its §3.1 location for an issuer with a path) and the JWKS, with {@code HEAD} on both documents.
 */
public final class OAuthRoutes {

    private OAuthRoutes() {
    }

    /** Registers the routes on {@code routes}, answered by {@code node}'s token use cases, counted in {@code metrics}. */
    public static void install(Routes routes, SentinelNode node, ServerMetrics metrics) {
        TokenService tokens = node.tokens();
        DiscoveryEndpoints discovery = new DiscoveryEndpoints(tokens, node.settings().scopesSupported());
        routes.post("/oauth/token", new TokenEndpoint(tokens.grants(), metrics));
        routes.post("/oauth/introspect", new IntrospectionEndpoint(tokens.introspection(), metrics));
        routes.post("/oauth/revoke", new RevocationEndpoint(tokens.revocation(), metrics));
        routes.get("/.well-known/oauth-authorization-server", discovery::metadata);
        routes.head("/.well-known/oauth-authorization-server", discovery::metadataHead);
        routes.get("/.well-known/oauth-authorization-server/<" + DiscoveryEndpoints.ISSUER_PATH + ">",
                discovery::metadataForIssuerPath);
        routes.get("/.well-known/jwks.json", discovery::jwks);
        routes.head("/.well-known/jwks.json", discovery::jwksHead);
    }
}
