package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.throttle.FailureLimit;
import dev.sentinel.core.application.throttle.Throttling;
import dev.sentinel.core.domain.CredentialGenerator;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every attack on {@code private_key_jwt} the issue names, each a request to the real server that must be refused with
 * {@code invalid_client} and leave its precise reason in the pass's activity: wrong or several audiences, expired, too
 * long-lived, not yet valid, without exp or jti, replayed, an unknown kid, a foreign key under the pass's kid, alg none,
 * HS256 keyed with the public key, iss or sub other than the client id, a secret for a key pass and an assertion for a
 * secret pass. Failures of assertions count in the same throttle as wrong secrets.
 */
class PrivateKeyJwtAttacksTest {

    private ServerFixture fixture = new ServerFixture();
    private KeyPasses passes = new KeyPasses(fixture);
    private final ClientKey key = ClientKey.es256("k1");

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Instant now() {
        return fixture.clock.instant();
    }

    /** A fresh pass (its first refusal is recorded as it is), an assertion changed by {@code change}, the refusal. */
    private String refusalOf(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        KeyPasses.KeyPass pass = passes.create(key);
        String assertion = key.sign(change.apply(ClientKey.claims(pass.clientId(), fixture.server.issuer(), now()))
                .build(), true);
        return refusalOf(pass, assertion);
    }

    private String refusalOf(KeyPasses.KeyPass pass, String assertion) {
        HttpResponse<String> refused = passes.grant(assertion);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.body()).contains("\"error\":\"invalid_client\"");
        return passes.refusal(pass);
    }

    @Test
    void aWrongAudienceOrASecondOneIsRefused() throws Exception {
        assertThat(refusalOf(claims -> claims.audience("https://other-server.example")))
                .startsWith("wrong_audience: aud=https://other-server.example; expected the issuer "
                        + fixture.server.issuer());
        assertThat(refusalOf(claims -> claims.audience(java.util.List.of(fixture.server.issuer(),
                "https://other-server.example")))).startsWith("wrong_audience: aud names 2 audiences");
    }

    @Test
    void anExpiredAssertionIsRefusedBeyondTheClockSkew() throws Exception {
        assertThat(refusalOf(claims -> claims.expirationTime(Date.from(now().minusSeconds(61)))))
                .startsWith("assertion_expired: exp ");
        KeyPasses.KeyPass pass = passes.create(key);
        String withinSkew = key.sign(ClientKey.claims(pass.clientId(), fixture.server.issuer(), now())
                .expirationTime(Date.from(now().minusSeconds(59))).build(), true);
        assertThat(passes.grant(withinSkew).statusCode()).as("59 s late is within the 60 s skew").isEqualTo(200);
    }

    @Test
    void anExpMoreThanFiveMinutesAndTheSkewAheadIsRefused() throws Exception {
        assertThat(refusalOf(claims -> claims.expirationTime(Date.from(now().plusSeconds(361)))))
                .startsWith("assertion_lifetime: exp ").contains("is more than 5 minutes (plus 60 s skew) ahead");
        assertThat(refusalOf(claims -> claims.expirationTime(null))).startsWith("assertion_lifetime: the assertion "
                + "has no exp");
        KeyPasses.KeyPass pass = passes.create(key);
        String atTheBound = key.sign(ClientKey.claims(pass.clientId(), fixture.server.issuer(), now())
                .expirationTime(Date.from(now().plusSeconds(360))).build(), true);
        assertThat(passes.grant(atTheBound).statusCode()).isEqualTo(200);
    }

    @Test
    void anAssertionNotYetValidIsRefused() throws Exception {
        assertThat(refusalOf(claims -> claims.notBeforeTime(Date.from(now().plusSeconds(120)))))
                .startsWith("assertion_not_yet_valid: nbf ");
        assertThat(refusalOf(claims -> claims.issueTime(Date.from(now().plusSeconds(120)))))
                .startsWith("assertion_not_yet_valid: iat ");
    }

    @Test
    void aReplayedJtiIsRefusedAndAMissingOneToo() throws Exception {
        KeyPasses.KeyPass pass = passes.create(key);
        String assertion = key.sign(ClientKey.claims(pass.clientId(), fixture.server.issuer(), now()).build(), true);
        assertThat(passes.grant(assertion).statusCode()).isEqualTo(200);

        assertThat(refusalOf(pass, assertion)).startsWith("replayed_jti: jti ").contains("was used before");
        HttpResponse<String> atIntrospection = fixture.postForm("/oauth/introspect", ServerFixture.form(Map.of(
                "token", "x", "client_assertion_type", KeyPasses.ASSERTION_TYPE, "client_assertion", assertion)));
        assertThat(atIntrospection.statusCode()).as("one replay cache for every endpoint").isEqualTo(401);
        assertThat(refusalOf(claims -> claims.jwtID(null))).startsWith("missing_jti: the assertion has no jti");
    }

    @Test
    void anUnknownKidAndAForeignKeyUnderThePassesKidAreRefused() throws Exception {
        KeyPasses.KeyPass pass = passes.create(key);
        JWTClaimsSet claims = ClientKey.claims(pass.clientId(), fixture.server.issuer(), now()).build();
        assertThat(refusalOf(pass, key.sign(claims, header -> header.keyID("k2"))))
                .startsWith("unknown_kid: no ES256 key has kid k2");

        KeyPasses.KeyPass other = passes.create(key);
        ClientKey impostor = ClientKey.es256("k1");
        assertThat(refusalOf(other, impostor.sign(ClientKey.claims(other.clientId(), fixture.server.issuer(), now())
                .build(), true))).startsWith("bad_signature: the signature does not verify with the ES256 key with kid k1");
    }

    @Test
    void anUnsignedAssertionAndHs256KeyedWithThePublicKeyAreRefused() throws Exception {
        KeyPasses.KeyPass unsigned = passes.create(key);
        String none = new PlainJWT(ClientKey.claims(unsigned.clientId(), fixture.server.issuer(), now()).build())
                .serialize();
        assertThat(refusalOf(unsigned, none)).startsWith("alg_not_allowed: the token is unsigned (alg none)");

        // the alg-confusion attack: the registered public key's bytes as the HMAC secret
        ClientKey rsa = ClientKey.rsa(JWSAlgorithm.RS256, "rsa-1", 2048);
        KeyPasses.KeyPass pass = passes.create(rsa);
        byte[] publicBytes = ((RSAKey) rsa.publicJwk()).toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
                ClientKey.claims(pass.clientId(), fixture.server.issuer(), now()).build());
        forged.sign(new MACSigner(Arrays.copyOf(publicBytes, Math.max(32, publicBytes.length))));
        assertThat(refusalOf(pass, forged.serialize())).startsWith("alg_not_allowed: the token is signed with HS256");
    }

    @Test
    void anIssuerOrSubjectOtherThanTheClientIdIsRefused() throws Exception {
        assertThat(refusalOf(claims -> claims.subject("spc_someoneelse000000000000")))
                .startsWith("wrong_issuer: iss=").contains("sub=spc_someoneelse000000000000");
        KeyPasses.KeyPass pass = passes.create(key);
        String otherIssuer = key.sign(ClientKey.claims(pass.clientId(), fixture.server.issuer(), now())
                .issuer("https://attacker.example").build(), true);
        HttpResponse<String> refused = passes.grant(otherIssuer, pass.clientId());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(passes.refusal(pass)).startsWith("wrong_issuer: iss=https://attacker.example");
    }

    @Test
    void aSecretForAKeyPassAndAnAssertionForASecretPassAreRefused() throws Exception {
        KeyPasses.KeyPass keyPass = passes.create(key);
        String secret = CredentialGenerator.create().newSecret().reveal();
        HttpResponse<String> withSecret = fixture.postForm("/oauth/token", "grant_type=client_credentials",
                "Authorization", ServerFixture.basic(keyPass.clientId(), secret));
        assertThat(withSecret.statusCode()).isEqualTo(401);
        assertThat(passes.refusal(keyPass)).startsWith("secret_not_accepted");

        CreatedPass secretPass = fixture.createPass();
        String clientId = secretPass.credentials().clientId().value();
        HttpResponse<String> withAssertion = passes.grant(key.sign(ClientKey.claims(clientId,
                fixture.server.issuer(), now()).build(), true));
        assertThat(withAssertion.statusCode()).isEqualTo(401);
        assertThat(fixture.activity(secretPass.pass().passId(), 1)).singleElement().satisfies(event ->
                assertThat(event.errorMessage()).hasValueSatisfying(message ->
                        assertThat(message).startsWith("assertion_not_accepted")));
    }

    @Test
    void failedAssertionsAreThrottledLikeWrongSecrets() throws Exception {
        fixture.close();
        fixture = new ServerFixture(server -> server.throttling(new Throttling(FailureLimit.parse("3/1m"),
                FailureLimit.parse("6/1m"), FailureLimit.parse("3/1m"))));
        passes = new KeyPasses(fixture);
        KeyPasses.KeyPass pass = passes.create(key);
        ClientKey impostor = ClientKey.es256("k1");
        for (int i = 0; i < 3; i++) {
            String forged = impostor.sign(ClientKey.claims(pass.clientId(), fixture.server.issuer(), now()).build(),
                    true);
            assertThat(passes.grant(forged).statusCode()).isEqualTo(401);
        }

        String rightful = key.sign(ClientKey.claims(pass.clientId(), fixture.server.issuer(), now()).build(), true);
        HttpResponse<String> throttled = passes.grant(rightful);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("temporarily_unavailable");
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        FromAddress.Reply elsewhere = FromAddress.post("127.0.0.2", fixture.uri("/oauth/token"), ServerFixture.form(
                Map.of("grant_type", "client_credentials", "client_assertion_type", KeyPasses.ASSERTION_TYPE,
                        "client_assertion", rightful)), "Content-Type", "application/x-www-form-urlencoded");
        assertThat(elsewhere.status()).as("the rightful client elsewhere is not locked out").isEqualTo(200);
    }
}
