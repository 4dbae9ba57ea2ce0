package dev.sentinel.http.oauth;

import dev.sentinel.core.application.oauth.TokenService;
import dev.sentinel.core.application.token.SigningKeyService;
import dev.sentinel.http.problem.HttpProblem;
import dev.sentinel.http.web.Json;
import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /.well-known/oauth-authorization-server} (RFC 8414), also at the §3.1 location of an issuer with a path
 * ({@code /.well-known/oauth-authorization-server/<path>}), and {@code /.well-known/jwks.json}, with {@code HEAD} on
 * both. {@code scopes_supported} is published only when configured, so the metadata does not reveal every pass's
 * permissions.
 */
final class DiscoveryEndpoints {

    /** The path parameter that holds an issuer's path in the RFC 8414 §3.1 location. */
    static final String ISSUER_PATH = "issuerPath";
    private static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post",
            "private_key_jwt");
    /** The algorithms a {@code private_key_jwt} assertion may be signed with, ES256 (the default) first. */
    private static final List<String> AUTH_SIGNING_ALGS = List.of("ES256", "EdDSA", "RS256", "PS256");

    private final TokenService tokens;
    private final List<String> scopesSupported;

    DiscoveryEndpoints(TokenService tokens, List<String> scopesSupported) {
        this.tokens = tokens;
        this.scopesSupported = List.copyOf(scopesSupported);
    }

    void metadata(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=300");
        Json.reply(ctx, 200, document());
    }

    /** The metadata at {@code /.well-known/oauth-authorization-server/<path>}, for the issuer's own path only. */
    void metadataForIssuerPath(Context ctx) {
        String asked = trimSlashes(ctx.pathParam(ISSUER_PATH));
        String path = URI.create(tokens.issuer()).getPath();
        if (path == null || trimSlashes(path).isEmpty() || !trimSlashes(path).equals(asked)) {
            throw new HttpProblem(404, "no authorization server has its issuer at this path");
        }
        metadata(ctx);
    }

    /** {@code HEAD} of the metadata: the headers of {@code GET}, no body. */
    void metadataHead(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.status(200).contentType(Json.JSON);
    }

    void jwks(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=" + SigningKeyService.REFRESH_SECONDS);
        ctx.status(200).contentType(Json.JSON).result(Json.bytes(Map.of("keys", tokens.jwks())));
    }

    /** {@code HEAD} of the JWKS: the headers of {@code GET} (its JSON content type), no body. */
    void jwksHead(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=" + SigningKeyService.REFRESH_SECONDS);
        ctx.status(200).contentType(Json.JSON);
    }

    private Map<String, Object> document() {
        String issuer = tokens.issuer();
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", issuer);
        body.put("token_endpoint", base + "/oauth/token");
        body.put("jwks_uri", base + "/.well-known/jwks.json");
        body.put("introspection_endpoint", base + "/oauth/introspect");
        body.put("revocation_endpoint", base + "/oauth/revoke");
        if (!scopesSupported.isEmpty()) {
            body.put("scopes_supported", scopesSupported);
        }
        body.put("grant_types_supported", tokens.grantTypes());
        body.put("response_types_supported", List.of());
        body.put("token_endpoint_auth_methods_supported", AUTH_METHODS);
        body.put("token_endpoint_auth_signing_alg_values_supported", AUTH_SIGNING_ALGS);
        body.put("introspection_endpoint_auth_methods_supported", AUTH_METHODS);
        body.put("introspection_endpoint_auth_signing_alg_values_supported", AUTH_SIGNING_ALGS);
        body.put("revocation_endpoint_auth_methods_supported", AUTH_METHODS);
        body.put("revocation_endpoint_auth_signing_alg_values_supported", AUTH_SIGNING_ALGS);
        body.put("service_documentation", base + "/docs/api");
        return body;
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
