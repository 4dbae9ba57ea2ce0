package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentinel.core.application.token.SigningKeyService;
import dev.sentinel.core.domain.SigningKeyRecord;
import dev.sentinel.http.web.Json;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    private static final byte[] KEK = new byte[32];

    private static String token(ServerFixture fixture, String basic) {
        return Json.parse(fixture.postForm("/oauth/token", "grant_type=client_credentials", "Authorization", basic).body())
                .path("access_token").asText();
    }

    private static String kid(String jwt) {
        return Json.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]))).path("kid").asText();
    }

    private static List<String> publishedKids(ServerFixture fixture) {
        JsonNode jwks = Json.parse(fixture.send(HttpRequest.newBuilder(fixture.uri("/.well-known/jwks.json")).build()).body());
        return jwks.path("keys").findValuesAsText("kid");
    }

    private static boolean active(ServerFixture fixture, String token) {
        return Json.parse(fixture.postForm("/oauth/introspect", "token=" + token, "Authorization",
                "Bearer " + ServerFixture.ADMIN_TOKEN).body()).path("active").asBoolean();
    }

    @Test
    void rotationSignsWithANewKeyAndKeepsTheOldOnePublishedUntilItsTokensExpire() {
        try (ServerFixture fixture = new ServerFixture(builder -> builder.keyEncryptionKey(KEK))) {
            var created = fixture.createPass();
            String basic = ServerFixture.basic(created.credentials().clientId().value(), created.credentials().clientSecret().reveal());
            String before = token(fixture, basic);

            String newKid = fixture.server.node().rotateSigningKey();
            String after = token(fixture, basic);

            assertThat(kid(after)).isEqualTo(newKid).isNotEqualTo(kid(before));
            assertThat(publishedKids(fixture)).containsExactlyInAnyOrder(kid(before), newKid);
            assertThat(active(fixture, before)).isTrue();

            fixture.clock.advance(Duration.ofMinutes(15).plus(SigningKeyService.PUBLISH_MARGIN).plusSeconds(1));
            fixture.server.node().rotateSigningKey();

            assertThat(publishedKids(fixture)).doesNotContain(kid(before)).contains(newKid);
        }
    }

    @Test
    void storesPrivateKeysEncryptedAndKeepsThemAcrossRestarts() {
        try (ServerFixture fixture = new ServerFixture(builder -> builder.keyEncryptionKey(KEK))) {
            List<SigningKeyRecord> keys = fixture.storage.read(session -> session.signingKeys().all());
            assertThat(keys).singleElement().satisfies(key -> {
                assertThat(key.algorithm()).as("the default of a new store").isEqualTo("ES256");
                assertThat(key.encryptedPrivateKey()).startsWith("aes256gcm:v1:");
                assertThat(key.publicJwk()).contains("\"kty\":\"EC\"").doesNotContain("\"d\"");
            });
            fixture.server.close();

            SentinelServer again = TestServer.builder(fixture.sentinel).port(0).adminToken(ServerFixture.ADMIN_TOKEN)
                    .keyEncryptionKey(KEK).build().start();
            try {
                assertThat(again.node().tokens().keys().current().active().kid()).isEqualTo(keys.get(0).kid());
            } finally {
                again.close();
            }
        }
    }

    @Test
    void refusesToStartWhenTheKeyEncryptionKeyDiffers() {
        try (ServerFixture fixture = new ServerFixture(builder -> builder.keyEncryptionKey(KEK))) {
            byte[] other = new byte[32];
            other[0] = 1;
            SentinelServer wrong = TestServer.builder(fixture.sentinel).port(0).adminToken(ServerFixture.ADMIN_TOKEN)
                    .keyEncryptionKey(other).build();
            try {
                assertThatThrownBy(wrong::start).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("cannot be decrypted");
            } finally {
                wrong.close();
            }
        }
    }

    @Test
    void switchingTheAlgorithmMakesANewKeyOfThatAlgorithm() {
        try (ServerFixture fixture = new ServerFixture(builder -> builder.keyEncryptionKey(KEK))) {
            fixture.server.close();
            SentinelServer rs256 = TestServer.builder(fixture.sentinel).port(0).adminToken(ServerFixture.ADMIN_TOKEN)
                    .keyEncryptionKey(KEK).signingAlgorithm("RS256").build().start();
            try {
                assertThat(rs256.node().tokens().keys().current().active().algorithm().joseName()).isEqualTo("RS256");
                assertThat(rs256.node().tokens().keys().current().jwks()).hasSize(2);
            } finally {
                rs256.close();
            }
        }
    }

    @Test
    void aStoreWhoseKeysAreEdDsaKeepsEdDsaWhenTheServerConfiguresNoAlgorithm() {
        try (ServerFixture fixture = new ServerFixture(builder -> builder.keyEncryptionKey(KEK).signingAlgorithm("EdDSA"))) {
            String edKid = fixture.server.node().tokens().keys().current().active().kid();
            fixture.server.close();
            SentinelServer unconfigured = TestServer.builder(fixture.sentinel).port(0)
                    .adminToken(ServerFixture.ADMIN_TOKEN).keyEncryptionKey(KEK).build().start();
            try {
                assertThat(unconfigured.node().tokens().keys().current().active().kid()).isEqualTo(edKid);
                unconfigured.node().rotateSigningKey();
                assertThat(unconfigured.node().tokens().keys().current().active().algorithm().joseName()).isEqualTo("EdDSA");
            } finally {
                unconfigured.close();
            }
        }
    }

    @Test
    void neverPublishesAKeyPlantedInTheStoreWithoutTheKeyEncryptionKey() throws Exception {
        try (ServerFixture fixture = new ServerFixture(builder -> builder.keyEncryptionKey(KEK))) {
            java.security.KeyPair planted = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] encoded = planted.getPublic().getEncoded();
            String x = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
            String kid = "planted";
            fixture.storage.inTransaction(session -> {
                session.signingKeys().add(new SigningKeyRecord(kid, "EdDSA",
                        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"kid\":\"planted\"}",
                        "aes256gcm:v1:AAAA", fixture.clock.instant().minusSeconds(60), java.util.Optional.of(fixture.clock.instant())));
                return null;
            });

            fixture.server.node().rotateSigningKey();

            assertThat(publishedKids(fixture)).hasSize(2).doesNotContain(kid);
        }
    }
}
