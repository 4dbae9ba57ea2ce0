package dev.sentinel.http.oauth;

import dev.sentinel.core.application.oauth.Introspection;
import dev.sentinel.core.application.oauth.IssuedToken;
import dev.sentinel.core.application.token.AccessTokenClaims;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON of the OAuth endpoints' successful replies (RFC 6749 §5.1, RFC 7662 §2.2). */
final class OAuthJson {

    private OAuthJson() {
    }

    static Map<String, Object> token(IssuedToken issued) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", issued.expiresIn());
        body.put("scope", issued.claims().scope());
        issued.issuedTokenType().ifPresent(type -> body.put("issued_token_type", type));
        return body;
    }

    static Map<String, Object> introspection(Introspection result) {
        return result.claims().map(OAuthJson::active).orElse(Map.of("active", false));
    }

    private static Map<String, Object> active(AccessTokenClaims claims) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("scope", claims.scope());
        body.put("client_id", claims.clientId());
        body.put("token_type", "Bearer");
        body.put("exp", claims.expiresAt().getEpochSecond());
        body.put("iat", claims.issuedAt().getEpochSecond());
        body.put("sub", claims.subject());
        body.put("aud", claims.audienceClaim());
        body.put("iss", claims.issuer());
        body.put("jti", claims.jti());
        body.put("pass_id", claims.passId());
        return body;
    }
}
