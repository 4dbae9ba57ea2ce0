package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import dev.sentinel.core.application.CreatedPass;
import java.net.URI;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An independent OAuth 2.0 client library (Nimbus) against the real server. */
class OAuthClientInteropTest {

    @ParameterizedTest
    @ValueSource(strings = {"basic", "post"})
    void nimbusGetsATokenVerifiesItAgainstTheJwksAndIntrospectsIt(String method) throws Exception {
        try (ServerFixture fixture = new ServerFixture(builder -> builder.signingAlgorithm("ES256"))) {
            CreatedPass created = fixture.createPass();
            ClientAuthentication auth = authentication(method, created);
            AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(fixture.server.issuer()));

            AccessToken token = requestToken(metadata, auth, new Scope("read"));

            SignedJWT jwt = SignedJWT.parse(token.getValue());
            assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
            ECKey key = JWKSet.load(metadata.getJWKSetURI().toURL()).getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
            assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
            assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(metadata.getIssuer().getValue());
            assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(created.credentials().clientId().value());

            TokenIntrospectionSuccessResponse introspection = introspect(metadata, auth, token);
            assertThat(introspection.isActive()).isTrue();
            assertThat(introspection.getScope()).isEqualTo(new Scope("read"));
            assertThat(introspection.getClientID()).isEqualTo(new ClientID(created.credentials().clientId().value()));

            HTTPResponse revoked = new TokenRevocationRequest(metadata.getRevocationEndpointURI(), auth, token)
                    .toHTTPRequest().send();
            assertThat(revoked.getStatusCode()).isEqualTo(200);
            assertThat(introspect(metadata, auth, token).isActive()).isFalse();
        }
    }

    @Test
    void nimbusSeesAnInvalidClientErrorForAWrongSecret() throws Exception {
        try (ServerFixture fixture = new ServerFixture()) {
            CreatedPass created = fixture.createPass();
            String otherSecret = fixture.createPass().credentials().clientSecret().reveal();
            TokenResponse response = TokenResponse.parse(new TokenRequest(fixture.uri("/oauth/token"),
                    new ClientSecretBasic(new ClientID(created.credentials().clientId().value()), new Secret(otherSecret)),
                    new ClientCredentialsGrant()).toHTTPRequest().send());

            assertThat(response.indicatesSuccess()).isFalse();
            TokenErrorResponse error = response.toErrorResponse();
            assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_client");
            assertThat(error.getErrorObject().getHTTPStatusCode()).isEqualTo(401);
        }
    }

    @Test
    void eddsaTokensVerifyWithThePublishedOctetKeyPair() throws Exception {
        assertVerifies("EdDSA", (jwk) -> null);
    }

    @Test
    void rs256TokensVerifyWithThePublishedRsaKey() throws Exception {
        assertVerifies("RS256", jwk -> {
            try {
                return new RSASSAVerifier((RSAKey) jwk);
            } catch (Exception failure) {
                throw new IllegalStateException(failure);
            }
        });
    }

    private void assertVerifies(String algorithm, Function<JWK, com.nimbusds.jose.JWSVerifier> verifiers) throws Exception {
        try (ServerFixture fixture = new ServerFixture(builder -> builder.signingAlgorithm(algorithm))) {
            CreatedPass created = fixture.createPass();
            AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(fixture.server.issuer()));
            AccessToken token = requestToken(metadata, authentication("basic", created), null);
            SignedJWT jwt = SignedJWT.parse(token.getValue());
            JWK jwk = JWKSet.load(metadata.getJWKSetURI().toURL()).getKeyByKeyId(jwt.getHeader().getKeyID());

            assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(algorithm);
            if (jwk instanceof OctetKeyPair okp) {
                assertThat(verifyEd25519(okp, jwt)).isTrue();
            } else {
                assertThat(jwt.verify(verifiers.apply(jwk))).isTrue();
            }
        }
    }

    /** Nimbus verifies Ed25519 only with Tink; the JDK's own Ed25519 checks the published key independently. */
    private static boolean verifyEd25519(OctetKeyPair okp, SignedJWT jwt) throws Exception {
        byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] x = okp.getX().decode();
        byte[] encoded = new byte[prefix.length + x.length];
        System.arraycopy(prefix, 0, encoded, 0, prefix.length);
        System.arraycopy(x, 0, encoded, prefix.length, x.length);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded)));
        verifier.update(jwt.getSigningInput());
        return verifier.verify(jwt.getSignature().decode());
    }

    private static ClientAuthentication authentication(String method, CreatedPass created) {
        ClientID clientId = new ClientID(created.credentials().clientId().value());
        Secret secret = new Secret(created.credentials().clientSecret().reveal());
        return method.equals("basic") ? new ClientSecretBasic(clientId, secret) : new ClientSecretPost(clientId, secret);
    }

    private static AccessToken requestToken(AuthorizationServerMetadata metadata, ClientAuthentication auth, Scope scope)
            throws Exception {
        URI endpoint = metadata.getTokenEndpointURI();
        TokenResponse response = TokenResponse.parse(new TokenRequest(endpoint, auth, new ClientCredentialsGrant(), scope)
                .toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
        AccessTokenResponse success = response.toSuccessResponse();
        assertThat(success.getTokens().getAccessToken()).isInstanceOf(BearerAccessToken.class);
        return success.getTokens().getAccessToken();
    }

    private static TokenIntrospectionSuccessResponse introspect(AuthorizationServerMetadata metadata,
                                                                ClientAuthentication auth, AccessToken token) throws Exception {
        TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(
                new TokenIntrospectionRequest(metadata.getIntrospectionEndpointURI(), auth, token).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
        return response.toSuccessResponse();
    }
}
