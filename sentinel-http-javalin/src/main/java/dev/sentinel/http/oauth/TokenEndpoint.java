package dev.sentinel.http.oauth;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.service.AuthenticationFailure;
import dev.sentinel.core.service.AuthenticationResult;
import dev.sentinel.core.service.Authenticator;
import dev.sentinel.http.jwt.AccessTokenClaims;
import dev.sentinel.http.jwt.AccessTokens;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /oauth/token}: the client credentials grant (RFC 6749 §4.4). Checks run in this order: form body and
 * repeated parameters ({@code invalid_request}), {@code grant_type} present ({@code invalid_request}) and known to
 * OAuth ({@code unsupported_grant_type}), client authentication ({@code invalid_client}), grant allowed for agent
 * clients ({@code unauthorized_client}: only {@code client_credentials}), scope within the pass's permissions
 * ({@code invalid_scope}). Every attempt of a known pass is recorded.
 */
public final class TokenEndpoint implements Handler {

    static final String CLIENT_CREDENTIALS = "client_credentials";
    /** Grant types OAuth defines that agent clients may not use: asking for one is {@code unauthorized_client}. */
    static final Set<String> OTHER_KNOWN_GRANTS = Set.of("authorization_code", "password", "refresh_token",
            "urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:jwt-bearer",
            "urn:ietf:params:oauth:grant-type:saml2-bearer", "urn:ietf:params:oauth:grant-type:token-exchange");

    private final Authenticator authenticator;
    private final AccessTokens tokens;
    private final Attempts attempts;
    private final Clock clock;
    private final Duration lifetime;
    /**
     * One DRBG per request thread for token ids: the default {@code NativePRNG} shares one lock between every
     * instance, and under load the request threads queued on it.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(TokenEndpoint::drbg);

    public TokenEndpoint(Authenticator authenticator, AccessTokens tokens, OAuthActivity activity, Clock clock,
                         Duration lifetime) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.attempts = activity.attempts();
        this.clock = clock;
        this.lifetime = lifetime;
    }

    @Override
    public void handle(Context ctx) {
        long startNanos = System.nanoTime();
        Instant now = clock.instant();
        FormBody form = FormBody.parse(ctx);
        String grantType = form.require("grant_type");
        if (!grantType.equals(CLIENT_CREDENTIALS) && !OTHER_KNOWN_GRANTS.contains(grantType)) {
            throw OAuthError.unsupportedGrantType("only the client_credentials grant is supported");
        }
        ClientCredentials credentials = ClientCredentials.from(ctx, form);
        AuthenticationResult result = authenticator.authenticate(credentials.clientId(), credentials.secret(), now);
        if (!result.isSuccess()) {
            AuthenticationFailure failure = result.failure().orElseThrow();
            result.passId().ifPresent(passId -> attempts.record(ctx, passId, now, startNanos, 401,
                    Optional.of(failure.code() + ": " + failure.description()), Map.of("grant_type", grantType)));
            throw OAuthError.invalidClient();
        }
        SentinelPass pass = result.pass().orElseThrow();
        if (!grantType.equals(CLIENT_CREDENTIALS)) {
            refuse(ctx, pass.passId(), now, startNanos, "unauthorized_client: grant_type " + grantType);
            throw OAuthError.unauthorizedClient("agent clients may use only the client_credentials grant");
        }
        String scope;
        try {
            scope = RequestedScope.resolve(form.get("scope"), pass.pass().permissions());
        } catch (OAuthError invalid) {
            refuse(ctx, pass.passId(), now, startNanos, "invalid_scope: " + invalid.getMessage());
            throw invalid;
        }
        issue(ctx, pass, scope, now, startNanos);
    }

    private void issue(Context ctx, SentinelPass pass, String scope, Instant now, long startNanos) {
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        Instant end = pass.pass().validity().end();
        Instant expiresAt = issuedAt.plus(lifetime);
        if (expiresAt.isAfter(end)) {
            expiresAt = end;
        }
        String jti = jti();
        String clientId = pass.clientId().value();
        String token = tokens.issue(new AccessTokenClaims(tokens.issuer(), clientId, tokens.audience(), issuedAt,
                expiresAt, jti, clientId, scope, pass.passId().value()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", Math.max(1, expiresAt.getEpochSecond() - issuedAt.getEpochSecond()));
        body.put("scope", scope);
        OAuthReplies.json(ctx, 200, body);
        attempts.record(ctx, pass.passId(), now, startNanos, 200, Optional.empty(),
                Map.of("grant_type", CLIENT_CREDENTIALS, "scope", scope, "jti", jti));
    }

    private void refuse(Context ctx, PassId passId, Instant now, long startNanos, String reason) {
        attempts.record(ctx, passId, now, startNanos, 400, Optional.of(reason), Map.of());
    }

    private String jti() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        return dev.sentinel.http.keys.Base64Url.encode(bytes);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException absent) {
            return new SecureRandom();
        }
    }
}
