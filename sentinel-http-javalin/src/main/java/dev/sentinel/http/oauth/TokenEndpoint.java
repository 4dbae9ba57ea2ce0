package dev.sentinel.http.oauth;

import dev.sentinel.core.application.AuthenticationResult;
import dev.sentinel.core.application.Authenticator;
import dev.sentinel.core.application.token.IssuedToken;
import dev.sentinel.core.application.token.TokenRequestException;
import dev.sentinel.core.application.token.TokenService;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
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
 * ({@code invalid_scope}). Every attempt of a known pass is recorded. A pass bound to networks refuses a client
 * outside them with {@code invalid_client}; only its activity says why.
 */
public final class TokenEndpoint implements Handler {

    static final String CLIENT_CREDENTIALS = "client_credentials";
    /** Grant types OAuth defines that agent clients may not use: asking for one is {@code unauthorized_client}. */
    static final Set<String> OTHER_KNOWN_GRANTS = Set.of("authorization_code", "password", "refresh_token",
            "urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:jwt-bearer",
            "urn:ietf:params:oauth:grant-type:saml2-bearer", "urn:ietf:params:oauth:grant-type:token-exchange");

    private final Authenticator authenticator;
    private final TokenService tokens;
    private final Attempts attempts;
    private final Clock clock;

    public TokenEndpoint(Authenticator authenticator, TokenService tokens, OAuthActivity activity, Clock clock) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.attempts = activity.attempts();
        this.clock = clock;
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
        AuthenticationResult result = authenticator.authenticate(credentials.clientId(), credentials.secret(),
                Requests.clientIp(ctx), now);
        if (!result.isSuccess()) {
            result.passId().ifPresent(passId -> attempts.record(ctx, passId, now, startNanos, 401,
                    result.reason(), Map.of("grant_type", grantType)));
            throw OAuthError.invalidClient();
        }
        SentinelPass pass = result.pass().orElseThrow();
        if (!grantType.equals(CLIENT_CREDENTIALS)) {
            refuse(ctx, pass.passId(), now, startNanos, "unauthorized_client: grant_type " + grantType);
            throw OAuthError.unauthorizedClient("agent clients may use only the client_credentials grant");
        }
        IssuedToken issued;
        try {
            issued = tokens.issue(pass, result.credential().orElseThrow(), form.get("scope"), now);
        } catch (TokenRequestException invalid) {
            refuse(ctx, pass.passId(), now, startNanos, invalid.error() + ": " + invalid.getMessage());
            throw OAuthError.invalidScope(invalid.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", issued.expiresIn());
        body.put("scope", issued.claims().scope());
        OAuthReplies.json(ctx, 200, body);
        attempts.record(ctx, pass.passId(), now, startNanos, 200, Optional.empty(),
                Map.of("grant_type", CLIENT_CREDENTIALS, "scope", issued.claims().scope(), "jti", issued.claims().jti()));
    }

    private void refuse(Context ctx, PassId passId, Instant now, long startNanos, String reason) {
        attempts.record(ctx, passId, now, startNanos, 400, Optional.of(reason), Map.of());
    }
}
