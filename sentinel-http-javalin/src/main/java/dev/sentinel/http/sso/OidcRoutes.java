package dev.sentinel.http.sso;

import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import dev.sentinel.core.NodeSettings;
import dev.sentinel.core.SentinelNode;
import dev.sentinel.core.application.access.SingleSignOnService;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.SsoRefusedException;
import dev.sentinel.core.application.access.SessionStart;
import dev.sentinel.http.session.SessionCookies;
import dev.sentinel.http.web.Json;
import dev.sentinel.http.web.Requests;
import dev.sentinel.http.web.Routes;
import io.javalin.http.Context;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single sign-on as an OpenID Connect relying party. {@code GET /auth/oidc/start} sends the browser to the provider
 * with a fresh {@code state}, {@code nonce} and PKCE challenge, whose values travel in a sealed, HttpOnly cookie valid
 * for {@link #STATE_LIFETIME}; {@code GET /auth/oidc/callback} checks the state against the cookie, the {@code iss} of
 * the response (RFC 9207) when the provider sends one (and demands it when the provider promised it), redeems the code
 * with the verifier, verifies the ID token, lets core decide which account the identity reaches, starts its session (a new
 * session cookie: nothing the browser held before is adopted) and sends the browser to the dashboard. Every refusal is a page that says what happened; none shows a stack trace.
 * {@code GET /auth/providers} lists the providers for the sign-in page.
 */
public final class OidcRoutes {

    public static final String START_PATH = "/auth/oidc/start";
    public static final String CALLBACK_PATH = "/auth/oidc/callback";
    public static final String PROVIDERS_PATH = "/auth/providers";
    /** How long a sign-in may take at the provider before it has to be started again. */
    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    static final String COOKIE = "sentinel_oidc";
    static final String SECURE_COOKIE = "__Host-sentinel_oidc";
    private static final Logger LOG = LoggerFactory.getLogger(OidcRoutes.class);

    private final SentinelNode node;
    private final Optional<NodeSettings.SingleSignOn> settings;
    private final Optional<OpenIdProvider> provider;
    private final SingleSignOnService signOn;

    private OidcRoutes(SentinelNode node) {
        this.node = node;
        this.settings = node.settings().singleSignOn();
        this.provider = settings.map(sso -> new OpenIdProvider(sso, node.clock()));
        this.signOn = node.singleSignOn();
    }

    /** Registers the routes; without single sign-on configured, start and callback answer 404 pages. */
    public static void install(Routes routes, SentinelNode node) {
        OidcRoutes oidc = new OidcRoutes(node);
        routes.get(PROVIDERS_PATH, oidc::providers);
        routes.get(START_PATH, oidc::start);
        routes.get(CALLBACK_PATH, oidc::callback);
    }

    private void providers(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        List<Map<String, String>> list = settings.map(sso -> {
            Map<String, String> entry = new java.util.LinkedHashMap<>();
            entry.put("id", "oidc");
            entry.put("name", sso.name());
            entry.put("start", START_PATH);
            return List.of(entry);
        }).orElse(List.of());
        Json.reply(ctx, 200, Map.of("providers", list));
    }

    private void start(Context ctx) {
        if (provider.isEmpty()) {
            notConfigured(ctx);
            return;
        }
        SignInState state = SignInState.fresh(node.clock().instant());
        URI target;
        try {
            target = provider.get().authenticationRequest(state, redirectUri());
        } catch (OpenIdProvider.Unavailable unavailable) {
            providerDown(ctx, unavailable);
            return;
        }
        setStateCookie(ctx, sealed(state), STATE_LIFETIME.toSeconds());
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(target.toString(), io.javalin.http.HttpStatus.FOUND);
    }

    private void callback(Context ctx) {
        if (provider.isEmpty()) {
            notConfigured(ctx);
            return;
        }
        Optional<SignInState> state = stateFromCookie(ctx);
        setStateCookie(ctx, "", 0); // one callback per started sign-in, whatever it brings
        if (state.isEmpty() || state.get().started().plus(STATE_LIFETIME).isBefore(node.clock().instant())) {
            refuse(ctx, 400, "Sign-in expired", "This sign-in was not started in this browser, or took longer than "
                    + STATE_LIFETIME.toMinutes() + " minutes. Start it again.", "no or expired sign-in state");
            return;
        }
        AuthenticationResponse response;
        try {
            response = AuthenticationResponseParser.parse(URI.create(redirectUri() + "?" + Optional.ofNullable(
                    ctx.queryString()).orElse("")));
        } catch (ParseException | IllegalArgumentException malformed) {
            refuse(ctx, 400, "Sign-in failed", "The provider's answer could not be read.", "malformed callback");
            return;
        }
        if (!sameState(response, state.get())) {
            refuse(ctx, 400, "Sign-in failed", "This answer does not belong to the sign-in started in this browser. "
                    + "Start it again.", "state mismatch");
            return;
        }
        OpenIdProvider openId = provider.get();
        try {
            if (!response.indicatesSuccess()) {
                AuthorizationErrorResponse error = response.toErrorResponse();
                String code = error.getErrorObject() == null || error.getErrorObject().getCode() == null ? "unknown"
                        : error.getErrorObject().getCode();
                refuse(ctx, 401, "Sign-in refused", "The sign-in provider did not sign you in (" + code + ").",
                        "provider error " + code);
                return;
            }
            AuthorizationSuccessResponse success = response.toSuccessResponse();
            if (!issuerMatches(success, openId)) {
                refuse(ctx, 400, "Sign-in failed", "The answer came from another provider than the one this "
                        + "Sentinel trusts.", "iss mismatch: " + success.getIssuer());
                return;
            }
            if (success.getAuthorizationCode() == null) {
                refuse(ctx, 400, "Sign-in failed", "The provider's answer holds no authorization code.", "no code");
                return;
            }
            IDTokenClaimsSet claims = openId.redeem(success.getAuthorizationCode(), state.get(), redirectUri());
            Account account = signOn.signIn(ProviderClaims.identity(claims, settings.get().rolesClaim()));
            SessionCookies.set(ctx, node.sessions().start(account.id(), SessionStart.of(SessionStart.SSO,
                    Requests.clientIp(ctx), Requests.userAgent(ctx))));
            ctx.header("Cache-Control", "no-store");
            ctx.redirect("/", io.javalin.http.HttpStatus.FOUND);
        } catch (OpenIdProvider.Unavailable unavailable) {
            providerDown(ctx, unavailable);
        } catch (OpenIdProvider.Rejected rejected) {
            if (rejected.tokenIssued()) { // a refused code is anyone's guess, and would let strangers fill the audit trail
                signOn.refused(openId.issuer().getValue(), rejected.getMessage());
            }
            refuse(ctx, 401, "Sign-in refused", "The sign-in could not be verified. Start it again; if it keeps "
                    + "failing, tell a Sentinel owner.", rejected.getMessage());
        } catch (SsoRefusedException refused) {
            refuse(ctx, 403, "No access", refused.getMessage(), "refused: " + refused.reason().code());
        }
    }

    /** The iss of the response (RFC 9207) must be the provider's; a provider that promised to send it must send it. */
    private static boolean issuerMatches(AuthorizationSuccessResponse success, OpenIdProvider openId)
            throws OpenIdProvider.Unavailable {
        if (success.getIssuer() == null) {
            return !openId.sendsIssuerInResponses();
        }
        return success.getIssuer().equals(openId.issuer());
    }

    private static boolean sameState(AuthenticationResponse response, SignInState expected) {
        if (response.getState() == null) {
            return false;
        }
        return MessageDigest.isEqual(response.getState().getValue().getBytes(StandardCharsets.US_ASCII),
                expected.state().getValue().getBytes(StandardCharsets.US_ASCII));
    }

    private URI redirectUri() {
        String base = node.issuer();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + CALLBACK_PATH);
    }

    private boolean secure() {
        return node.issuer().startsWith("https://");
    }

    private String sealed(SignInState state) {
        // cookie-safe: base64url instead of base64, the format's prefix kept
        return signOn.sealState(state.bytes()).replace('+', '-').replace('/', '_').replace("=", "");
    }

    private Optional<SignInState> stateFromCookie(Context ctx) {
        String value = ctx.cookie(secure() ? SECURE_COOKIE : COOKIE);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String restored = value.replace('-', '+').replace('_', '/');
        int prefix = restored.lastIndexOf(':') + 1;
        int padding = (4 - (restored.length() - prefix) % 4) % 4;
        return signOn.openState(restored + "=".repeat(padding)).flatMap(SignInState::parse);
    }

    private void setStateCookie(Context ctx, String value, long maxAgeSeconds) {
        ctx.res().addHeader("Set-Cookie", (secure() ? SECURE_COOKIE : COOKIE) + "=" + value + "; Path=/; Max-Age="
                + maxAgeSeconds + "; HttpOnly; SameSite=Lax" + (secure() ? "; Secure" : ""));
    }

    private void providerDown(Context ctx, OpenIdProvider.Unavailable unavailable) {
        LOG.warn("Single sign-on: {}", unavailable.getMessage());
        SignInPages.show(ctx, 502, "Sign-in provider unavailable", "Sentinel cannot reach the sign-in provider "
                + settings.map(sso -> sso.issuer().toString()).orElse("") + " right now. Try again in a moment; if "
                + "it lasts, tell a Sentinel owner.");
    }

    private static void notConfigured(Context ctx) {
        SignInPages.show(ctx, 404, "Single sign-on is not set up", "This Sentinel has no sign-in provider configured.");
    }

    private static void refuse(Context ctx, int status, String title, String message, String logged) {
        LOG.info("Single sign-on refused: {}", logged);
        SignInPages.show(ctx, status, title, message);
    }
}
