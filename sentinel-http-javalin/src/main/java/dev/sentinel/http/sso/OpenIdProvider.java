package dev.sentinel.http.sso;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.sentinel.core.NodeSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The OpenID provider as a relying party sees it, through the Nimbus OAuth 2.0 / OpenID Connect SDK: its metadata from
 * {@code <issuer>/.well-known/openid-configuration} (whose {@code issuer} must be the configured one; re-read hourly,
 * and never kept when it cannot be read), the authentication request (code flow, PKCE S256, {@code state},
 * {@code nonce}), the code exchange (client secret, Basic or POST as the provider supports), and the ID token check
 * against the provider's JWKS (signature by an asymmetric algorithm the provider names, {@code iss}, {@code aud},
 * {@code exp}, {@code nonce}). Every call to the provider is bounded by {@link #TIMEOUT}. Thread-safe.
 */
final class OpenIdProvider {

    /** How long one connection or read to the provider may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** How long the provider's metadata is trusted before it is read again. */
    static final Duration METADATA_TTL = Duration.ofHours(1);
    private static final int MAX_DOCUMENT_BYTES = 512 * 1024;

    /** The provider could not be reached or answered what no provider should (a fault, not a refusal). */
    static final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What the provider answered to the code exchange was a refusal, or the ID token did not verify. */
    static final class Rejected extends Exception {
        private final boolean tokenIssued;

        Rejected(String message, boolean tokenIssued) {
            super(message);
            this.tokenIssued = tokenIssued;
        }

        /** Whether the provider issued tokens that Sentinel refused (false: the provider refused the code itself). */
        boolean tokenIssued() {
            return tokenIssued;
        }
    }

    private record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator, Instant readAt) {
    }

    private final NodeSettings.SingleSignOn settings;
    private final Issuer issuer;
    private final ClientID clientId;
    private final Clock clock;
    private volatile Discovered discovered;

    OpenIdProvider(NodeSettings.SingleSignOn settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.issuer = new Issuer(settings.issuer());
        this.clientId = new ClientID(settings.clientId());
        this.clock = clock;
    }

    Issuer issuer() {
        return issuer;
    }

    /** Where to send the browser to sign in. */
    URI authenticationRequest(SignInState state, URI redirectUri) throws Unavailable {
        OIDCProviderMetadata metadata = discover().metadata();
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "email", "profile"), clientId,
                redirectUri).endpointURI(metadata.getAuthorizationEndpointURI()).state(state.state())
                .nonce(state.nonce()).codeChallenge(state.verifier(), CodeChallengeMethod.S256).build().toURI();
    }

    /** Whether the provider promised to name itself in every authorization response (RFC 9207). */
    boolean sendsIssuerInResponses() throws Unavailable {
        return discover().metadata().supportsAuthorizationResponseIssuerParam();
    }

    /** Exchanges the code and verifies the ID token; returns its claims. */
    IDTokenClaimsSet redeem(AuthorizationCode code, SignInState state, URI redirectUri) throws Unavailable, Rejected {
        Discovered provider = discover();
        TokenRequest request = new TokenRequest(provider.metadata().getTokenEndpointURI(), clientAuthentication(provider),
                new AuthorizationCodeGrant(code, redirectUri, state.verifier()));
        HTTPRequest http = bounded(request.toHTTPRequest());
        com.nimbusds.oauth2.sdk.TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException unreachable) {
            throw new Unavailable("the token endpoint " + provider.metadata().getTokenEndpointURI()
                    + " cannot be reached: " + unreachable.getMessage(), unreachable);
        } catch (ParseException malformed) {
            throw new Unavailable("the token endpoint answered what is no token response: " + malformed.getMessage(),
                    malformed);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw new Rejected("the provider refused the code: " + (error.getCode() == null ? "no error code"
                    : error.getCode()), false);
        }
        if (!(response instanceof OIDCTokenResponse tokens) || tokens.getOIDCTokens().getIDToken() == null) {
            throw new Rejected("the provider's token response holds no ID token", true);
        }
        try {
            return provider.validator().validate(tokens.getOIDCTokens().getIDToken(), state.nonce());
        } catch (com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException invalid) {
            if (invalid.getCause() instanceof IOException unreachable) {
                throw new Unavailable("the provider's keys cannot be read: " + unreachable.getMessage(), unreachable);
            }
            throw new Rejected("the ID token does not verify: " + invalid.getMessage(), true);
        }
    }

    private ClientAuthentication clientAuthentication(Discovered provider) {
        Secret secret = new Secret(settings.clientSecret());
        List<ClientAuthenticationMethod> methods = provider.metadata().getTokenEndpointAuthMethods();
        boolean postOnly = methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        return postOnly ? new ClientSecretPost(clientId, secret) : new ClientSecretBasic(clientId, secret);
    }

    private Discovered discover() throws Unavailable {
        Discovered known = discovered;
        Instant now = clock.instant();
        if (known != null && known.readAt().plus(METADATA_TTL).isAfter(now)) {
            return known;
        }
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(issuer, (int) TIMEOUT.toMillis(), (int) TIMEOUT.toMillis());
        } catch (IOException unreachable) {
            throw new Unavailable("the provider's metadata at " + settings.issuer()
                    + "/.well-known/openid-configuration cannot be read: " + unreachable.getMessage(), unreachable);
        } catch (com.nimbusds.oauth2.sdk.GeneralException invalid) {
            throw new Unavailable("the provider's metadata at " + settings.issuer()
                    + "/.well-known/openid-configuration is not usable: " + invalid.getMessage(), invalid);
        }
        if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null
                || metadata.getJWKSetURI() == null) {
            throw new Unavailable("the provider's metadata names no authorization endpoint, token endpoint or jwks_uri",
                    null);
        }
        Discovered fresh = new Discovered(metadata, validator(metadata), now);
        discovered = fresh;
        return fresh;
    }

    private IDTokenValidator validator(OIDCProviderMetadata metadata) throws Unavailable {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        List<JWSAlgorithm> offered = metadata.getIDTokenJWSAlgs();
        for (JWSAlgorithm algorithm : offered == null ? List.of(JWSAlgorithm.RS256) : offered) {
            if (JWSAlgorithm.Family.SIGNATURE.contains(algorithm)) { // never none, never a shared-secret HMAC
                algorithms.add(algorithm);
            }
        }
        if (algorithms.isEmpty()) {
            algorithms.add(JWSAlgorithm.RS256);
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL(), new DefaultResourceRetriever(
                    (int) TIMEOUT.toMillis(), (int) TIMEOUT.toMillis(), MAX_DOCUMENT_BYTES)).retrying(false).build();
        } catch (java.net.MalformedURLException invalid) {
            throw new Unavailable("the provider's jwks_uri is no URL: " + metadata.getJWKSetURI(), invalid);
        }
        IDTokenValidator validator = new IDTokenValidator(issuer, clientId,
                new JWSVerificationKeySelector<>(algorithms, keys), null);
        validator.setMaxClockSkew(60);
        return validator;
    }

    private static HTTPRequest bounded(HTTPRequest request) {
        request.setConnectTimeout((int) TIMEOUT.toMillis());
        request.setReadTimeout((int) TIMEOUT.toMillis());
        return request;
    }
}
