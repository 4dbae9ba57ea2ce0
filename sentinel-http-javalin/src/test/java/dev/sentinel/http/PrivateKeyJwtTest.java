package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code private_key_jwt} (RFC 7523 §2.2 as rfc7523bis tightens it) end to end: passes with public keys made through
 * the management API, the Nimbus OAuth SDK's {@code PrivateKeyJWT} at the real token, introspection and revocation
 * endpoints for every accepted algorithm, a kid-less assertion as the MCP TypeScript SDK signs it, and the token
 * endpoint URL as {@code aud} only with the pass's or the server's opt-in.
 */
class PrivateKeyJwtTest {

    private ServerFixture fixture = new ServerFixture();
    private KeyPasses passes = new KeyPasses(fixture);

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Instant now() {
        return fixture.clock.instant();
    }

    private URI endpoint(String path) {
        return fixture.uri(path);
    }

    private static ClientKey key(String alg) {
        return switch (alg) {
            case "ES256" -> ClientKey.es256("es-1");
            case "EdDSA" -> ClientKey.ed25519("ed-1");
            case "RS256" -> ClientKey.rsa(JWSAlgorithm.RS256, "rs-1", 2048);
            case "PS256" -> ClientKey.rsa(JWSAlgorithm.PS256, "ps-1", 2048);
            default -> throw new IllegalArgumentException(alg);
        };
    }

    private JWTClaimsSet claims(KeyPasses.KeyPass pass) {
        return ClientKey.claims(pass.clientId(), fixture.server.issuer(), now()).build();
    }

    @Test
    void theMetadataListsPrivateKeyJwtAndItsAlgorithmsForEveryEndpoint() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(fixture.server.issuer()));

        assertThat(metadata.getTokenEndpointAuthMethods()).contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT,
                ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        assertThat(metadata.getTokenEndpointJWSAlgs()).extracting(JWSAlgorithm::getName)
                .containsExactly("ES256", "EdDSA", "RS256", "PS256");
        assertThat(metadata.getIntrospectionEndpointAuthMethods()).contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
        assertThat(metadata.getRevocationEndpointAuthMethods()).contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "EdDSA", "RS256", "PS256"})
    void nimbusAuthenticatesWithThePrivateKeyAtTheTokenIntrospectionAndRevocationEndpoints(String alg)
            throws Exception {
        ClientKey key = key(alg);
        KeyPasses.KeyPass pass = passes.create(key);
        assertThat(pass.reply().path("credentials").has("client_secret")).as("no secret is issued").isFalse();
        assertThat(pass.reply().path("pass").path("credential_type").asText()).isEqualTo("private_key_jwt");
        assertThat(pass.reply().path("pass").path("key_thumbprints").get(0).asText())
                .isEqualTo(key.publicJwk().computeThumbprint().toString());

        TokenResponse granted = TokenResponse.parse(new TokenRequest(endpoint("/oauth/token"),
                key.nimbus(claims(pass), true), new ClientCredentialsGrant()).toHTTPRequest().send());
        assertThat(granted.indicatesSuccess()).as(() -> granted.toErrorResponse().getErrorObject().toString()).isTrue();
        AccessToken token = granted.toSuccessResponse().getTokens().getAccessToken();

        TokenIntrospectionResponse introspected = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                endpoint("/oauth/introspect"), key.nimbus(claims(pass), true), token).toHTTPRequest().send());
        assertThat(introspected.indicatesSuccess()).isTrue();
        assertThat(introspected.toSuccessResponse().isActive()).isTrue();
        assertThat(introspected.toSuccessResponse().getClientID().getValue()).isEqualTo(pass.clientId());

        HTTPResponse revoked = new TokenRevocationRequest(endpoint("/oauth/revoke"), key.nimbus(claims(pass), true),
                token).toHTTPRequest().send();
        assertThat(revoked.getStatusCode()).as(revoked.getBody()).isEqualTo(200);
        assertThat(TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(endpoint("/oauth/introspect"),
                key.nimbus(claims(pass), true), token).toHTTPRequest().send()).toSuccessResponse().isActive())
                .as("revoked by the client itself").isFalse();
    }

    @Test
    void aKidLessAssertionIsCheckedWithEachKeyOfItsAlgorithm() throws Exception {
        ClientKey first = ClientKey.es256("first");
        ClientKey second = ClientKey.es256("second");
        ClientKey rsa = ClientKey.rsa(JWSAlgorithm.RS256, "rsa", 2048);
        KeyPasses.KeyPass pass = passes.create(Map.of("jwks", Map.of("keys", List.of(
                first.publicJwk().toJSONObject(), rsa.publicJwk().toJSONObject(), second.publicJwk().toJSONObject()))));

        for (ClientKey signer : List.of(second, rsa, first)) {
            TokenResponse granted = TokenResponse.parse(new TokenRequest(endpoint("/oauth/token"),
                    signer.nimbus(claims(pass), false), new ClientCredentialsGrant()).toHTTPRequest().send());
            assertThat(granted.indicatesSuccess()).as(signer.kid).isTrue();
        }
        ClientKey stranger = ClientKey.es256("first");
        HttpResponse<String> refused = passes.grant(stranger.sign(claims(pass), false));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(passes.refusal(pass)).startsWith("bad_signature: the signature does not verify with any of the 2 "
                + "ES256 keys");
    }

    @Test
    void theTokenEndpointAsAudIsRefusedWithoutAnOptInAndAcceptedWithThePasses() throws Exception {
        ClientKey key = ClientKey.es256("k");
        KeyPasses.KeyPass plain = passes.create(key);
        KeyPasses.KeyPass optedIn = passes.create(Map.of("jwks", key.jwks(), "accept_token_endpoint_audience", true));
        assertThat(optedIn.reply().path("pass").path("accept_token_endpoint_audience").asBoolean()).isTrue();
        String tokenEndpoint = endpoint("/oauth/token").toString();

        // Nimbus's PrivateKeyJWT(clientID, tokenEndpoint, …) names the token endpoint as aud, as Spring's client does
        TokenResponse refused = TokenResponse.parse(new TokenRequest(endpoint("/oauth/token"),
                key.nimbus(ClientKey.claims(plain.clientId(), tokenEndpoint, now()).build(), true),
                new ClientCredentialsGrant()).toHTTPRequest().send());
        assertThat(refused.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) refused).getErrorObject().getCode()).isEqualTo("invalid_client");
        assertThat(passes.refusal(plain)).startsWith("wrong_audience: aud is the token endpoint URL " + tokenEndpoint
                + ", accepted only with accept_token_endpoint_audience");

        TokenResponse accepted = TokenResponse.parse(new TokenRequest(endpoint("/oauth/token"),
                key.nimbus(ClientKey.claims(optedIn.clientId(), tokenEndpoint, now()).build(), true),
                new ClientCredentialsGrant()).toHTTPRequest().send());
        assertThat(accepted.indicatesSuccess()).isTrue();
    }

    @Test
    void theServersOptInAcceptsTheTokenEndpointAsAudForEveryPass() throws Exception {
        fixture.close();
        fixture = new ServerFixture(server -> server.node(settings -> settings.acceptTokenEndpointAudience(true)));
        passes = new KeyPasses(fixture);
        ClientKey key = ClientKey.es256("k");
        KeyPasses.KeyPass pass = passes.create(key);
        String tokenEndpoint = endpoint("/oauth/token").toString();

        HttpResponse<String> granted = passes.grant(key.sign(ClientKey.claims(pass.clientId(), tokenEndpoint, now())
                .build(), true));

        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        HttpResponse<String> other = passes.grant(key.sign(ClientKey.claims(pass.clientId(), "https://elsewhere.example",
                now()).build(), true));
        assertThat(other.statusCode()).as("any other aud still is refused").isEqualTo(401);
    }

    @Test
    void aGrantRecordsTheTokenGenerationAndARefusalItsPreciseReasonAgainstThePass() throws Exception {
        ClientKey key = ClientKey.es256("k");
        KeyPasses.KeyPass pass = passes.create(key);

        assertThat(passes.grant(key.sign(claims(pass), true), pass.clientId()).statusCode()).isEqualTo(200);
        JWTClaimsSet expired = ClientKey.claims(pass.clientId(), fixture.server.issuer(), now().minusSeconds(300))
                .build();
        HttpResponse<String> refused = passes.grant(key.sign(expired, true));

        assertThat(refused.statusCode()).isEqualTo(401);
        JsonNode error = KeyPasses.JSON.readTree(refused.body());
        assertThat(error.path("error").asText()).isEqualTo("invalid_client");
        assertThat(refused.body()).as("the caller is not told why").doesNotContain("exp");
        List<ActivityEvent> events = fixture.activity(pass.id(), 2);
        assertThat(events).extracting(ActivityEvent::type).contains(ActivityType.TOKEN_GENERATION, ActivityType.ERROR);
        assertThat(passes.refusal(pass)).startsWith("assertion_expired: exp ");
    }
}
