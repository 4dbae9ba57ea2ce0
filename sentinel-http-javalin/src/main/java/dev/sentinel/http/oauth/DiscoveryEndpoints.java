package dev.sentinel.http.oauth;

import dev.sentinel.core.application.token.SigningKeyService;
import dev.sentinel.core.application.token.TokenService;
import dev.sentinel.http.web.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /.well-known/oauth-authorization-server} (RFC 8414) and {@code /.well-known/jwks.json}. */
public final class DiscoveryEndpoints {

    private static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post");

    private final TokenService tokens;

    public DiscoveryEndpoints(TokenService tokens) {
        this.tokens = tokens;
    }

    public void metadata(Context ctx) {
        String issuer = tokens.settings().issuer();
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", issuer);
        body.put("token_endpoint", base + "/oauth/token");
        body.put("jwks_uri", base + "/.well-known/jwks.json");
        body.put("introspection_endpoint", base + "/oauth/introspect");
        body.put("revocation_endpoint", base + "/oauth/revoke");
        body.put("grant_types_supported", List.of(TokenEndpoint.CLIENT_CREDENTIALS));
        body.put("response_types_supported", List.of());
        body.put("token_endpoint_auth_methods_supported", AUTH_METHODS);
        body.put("introspection_endpoint_auth_methods_supported", AUTH_METHODS);
        body.put("revocation_endpoint_auth_methods_supported", AUTH_METHODS);
        body.put("service_documentation", base + "/api/v1/openapi.json");
        ctx.header("Cache-Control", "public, max-age=300");
        Json.reply(ctx, 200, body);
    }

    public void jwks(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=" + SigningKeyService.REFRESH_SECONDS);
        ctx.status(200).contentType(Json.JSON).result(Json.bytes(Map.of("keys", tokens.keys().current().jwks())));
    }
}
