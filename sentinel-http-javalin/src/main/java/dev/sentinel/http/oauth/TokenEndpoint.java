package dev.sentinel.http.oauth;

import dev.sentinel.core.application.AuthenticationResult;
import dev.sentinel.core.application.Authenticator;
import dev.sentinel.core.application.token.IssuedToken;
import dev.sentinel.core.application.token.TokenRequestException;
import dev.sentinel.core.application.token.TokenService;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.http.metrics.GrantResult;
import dev.sentinel.http.metrics.ServerMetrics;
import dev.sentinel.http.throttle.AuthThrottle;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /oauth/token}: the client credentials grant (RFC 6749 §4.4). Checks run in this order: form body and
 * repeated parameters ({@code invalid_request}), {@code grant_type} present ({@code invalid_request}) and known to
 * OAuth ({@code unsupported_grant_type}), client authentication ({@code invalid_client}), grant allowed for agent
 * clients ({@code unauthorized_client}: only {@code client_credentials}), RFC 8707 {@code resource} indicators
 * (repeatable) among the pass's allowed audiences ({@code invalid_target}), scope within the pass's permissions
 * ({@code invalid_scope}). An {@code audience} parameter is refused ({@code invalid_request}) rather than ignored:
 * {@code resource} is the standard way to ask for an audience.
 * Every attempt of a known pass is recorded. A pass bound to networks refuses a client outside them with
 * {@code invalid_client}; only its activity says why. Each request is counted by its coarse result
 * ({@link GrantResult}).
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
    private final AuthThrottle throttle;
    private final Clock clock;
    private final ServerMetrics metrics;

    public TokenEndpoint(Authenticator authenticator, TokenService tokens, OAuthActivity activity, AuthThrottle throttle,
                         Clock clock, ServerMetrics metrics) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.attempts = activity.attempts();
        this.throttle = throttle;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) {
        try {
            grant(ctx);
        } catch (OAuthError refused) {
            metrics.grant(GrantResult.ofError(refused.error()));
            throw refused;
        }
        metrics.grant(GrantResult.SUCCESS);
    }

    private void grant(Context ctx) {
        long startNanos = System.nanoTime();
        Instant now = clock.instant();
        FormBody form = FormBody.parse(ctx);
        String grantType = form.require("grant_type");
        if (form.has("audience")) {
            throw OAuthError.invalidRequest("the audience parameter is not supported: use the resource parameter (RFC 8707)");
        }
        List<String> resources = form.all("resource");
        if (!grantType.equals(CLIENT_CREDENTIALS) && !OTHER_KNOWN_GRANTS.contains(grantType)) {
            throw OAuthError.unsupportedGrantType("only the client_credentials grant is supported");
        }
        ClientCredentials credentials = ClientCredentials.from(ctx, form);
        Optional<String> address = Requests.clientIp(ctx);
        throttle.clientRefusal(address, credentials.clientId()).ifPresent(wait -> {
            throw OAuthError.throttled(wait);
        });
        AuthenticationResult result = authenticator.authenticate(credentials.clientId(), credentials.secret(), address,
                now);
        if (!result.isSuccess()) {
            throttle.clientFailed(address, credentials.clientId(), result.passId());
            result.passId().ifPresent(passId -> attempts.failed(ctx, passId, now, startNanos,
                    result.reason().orElseThrow(), Map.of("grant_type", grantType)));
            throw OAuthError.invalidClient();
        }
        SentinelPass pass = result.pass().orElseThrow();
        if (!grantType.equals(CLIENT_CREDENTIALS)) {
            refuse(ctx, pass.passId(), now, startNanos, "unauthorized_client: grant_type " + grantType);
            throw OAuthError.unauthorizedClient("agent clients may use only the client_credentials grant");
        }
        IssuedToken issued;
        try {
            issued = tokens.issue(pass, result.credential().orElseThrow(), form.get("scope"), resources, now);
        } catch (TokenRequestException invalid) {
            refuse(ctx, pass.passId(), now, startNanos, invalid.error() + ": " + invalid.getMessage());
            throw invalid.error().equals("invalid_target") ? OAuthError.invalidTarget(invalid.getMessage())
                    : OAuthError.invalidScope(invalid.getMessage());
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
