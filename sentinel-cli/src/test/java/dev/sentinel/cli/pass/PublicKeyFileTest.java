package dev.sentinel.cli.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.fetch.PublicJwks;
import dev.sentinel.core.fetch.SignedJwts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicKeyFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void readsAJwkSetAsItIs() throws Exception {
        GeneratedKey one = GeneratedKey.generate(GeneratedKey.Algorithm.ES256);
        GeneratedKey two = GeneratedKey.generate(GeneratedKey.Algorithm.RS256);
        Path file = write("jwks.json", PublicKeyFile.set(one.publicJwk(), two.publicJwk()));

        List<JWK> keys = accepted(PublicKeyFile.read(file));

        assertThat(keys).extracting(PublicJwks::thumbprint).containsExactly(one.thumbprint(), two.thumbprint());
    }

    @Test
    void readsOneJwkAsASetOfOne() throws Exception {
        GeneratedKey key = GeneratedKey.generate(GeneratedKey.Algorithm.EdDSA);
        Path file = write("key.jwk", JSON.writeValueAsString(key.publicJwk()));

        assertThat(accepted(PublicKeyFile.read(file))).extracting(PublicJwks::thumbprint).containsExactly(key.thumbprint());
    }

    @Test
    void readsPemPublicKeysOfEachTypeNamedByTheirThumbprint() throws Exception {
        KeyPair ec = pair("EC", 256);
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair rsa = pair("RSA", 3072);
        Path file = write("keys.pem", pem("PUBLIC KEY", ec.getPublic().getEncoded()) + "\n"
                + pem("PUBLIC KEY", ed.getPublic().getEncoded()) + pem("PUBLIC KEY", rsa.getPublic().getEncoded()));

        String set = PublicKeyFile.read(file);

        List<JWK> keys = accepted(set);
        assertThat(keys).extracting(key -> key.getKeyType().getValue()).containsExactly("EC", "OKP", "RSA");
        JsonNode written = JSON.readTree(set).get("keys");
        for (int index = 0; index < keys.size(); index++) {
            assertThat(written.get(index).get("kid").asText()).isEqualTo(PublicJwks.thumbprint(keys.get(index)));
        }
    }

    @Test
    void refusesEveryPrivateJwkOfASetAtOnceNamingKeyAndMember() throws Exception {
        GeneratedKey ec = GeneratedKey.generate(GeneratedKey.Algorithm.ES256);
        GeneratedKey rsa = GeneratedKey.generate(GeneratedKey.Algorithm.RS256);
        GeneratedKey fine = GeneratedKey.generate(GeneratedKey.Algorithm.EdDSA);
        Path file = write("jwks.json", PublicKeyFile.set(ec.privateJwk(), fine.publicJwk(), rsa.privateJwk()));

        assertThatThrownBy(() -> PublicKeyFile.read(file)).isInstanceOfSatisfying(ValidationException.class, refused ->
                assertThat(refused.violations()).extracting(FieldViolation::field, FieldViolation::rule).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("jwks", "key 1 (kid " + ec.thumbprint() + ") holds private key "
                                + "material (d): give the public key only; nothing was sent"),
                        org.assertj.core.groups.Tuple.tuple("jwks", "key 3 (kid " + rsa.thumbprint() + ") holds private "
                                + "key material (d, p, q, dp, dq, qi): give the public key only; nothing was sent")));
    }

    @Test
    void refusesASymmetricKey() throws Exception {
        Path file = write("oct.json", "{\"kty\":\"oct\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0\"}");

        assertThatThrownBy(() -> PublicKeyFile.read(file)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("key 1 holds private key material (k)");
    }

    @Test
    void refusesAPemPrivateKeyAndSaysHowToGetThePublicOne() throws Exception {
        KeyPair ec = pair("EC", 256);
        Path file = write("key.pem", pem("PUBLIC KEY", ec.getPublic().getEncoded())
                + pem("PRIVATE KEY", ec.getPrivate().getEncoded()) + pem("EC PRIVATE KEY", new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> PublicKeyFile.read(file)).isInstanceOfSatisfying(ValidationException.class, refused ->
                assertThat(refused.violations()).extracting(FieldViolation::rule).containsExactly(
                        "PEM block 2 is a private key (PRIVATE KEY): give the public key only (openssl pkey -in key.pem "
                                + "-pubout); nothing was sent",
                        "PEM block 3 is a private key (EC PRIVATE KEY): give the public key only (openssl pkey -in "
                                + "key.pem -pubout); nothing was sent"));
    }

    @Test
    void refusesCurvesAndSizesSentinelDoesNotAccept() throws Exception {
        Path file = write("keys.pem", pem("PUBLIC KEY", pair("EC", 384).getPublic().getEncoded())
                + pem("PUBLIC KEY", pair("RSA", 1024).getPublic().getEncoded()) + pem("CERTIFICATE", new byte[] {1}));

        assertThatThrownBy(() -> PublicKeyFile.read(file)).isInstanceOfSatisfying(ValidationException.class, refused ->
                assertThat(refused.violations()).extracting(FieldViolation::rule).containsExactly(
                        "PEM block 1: an EC key must be on the curve P-256 (ES256)",
                        "PEM block 2: an RSA key must have at least 2048 bits (this one has 1024)",
                        "PEM block 3 must be a PUBLIC KEY (got CERTIFICATE)"));
    }

    @Test
    void refusesWhatIsNeitherJsonNorPem() throws Exception {
        Path file = write("notes.txt", "my key is in the vault");

        assertThatThrownBy(() -> PublicKeyFile.read(file)).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("jwks: must be a JWK set, a JWK or a PEM public key: the file is not JSON");
    }

    @Test
    void refusesAFileThatCannotBeRead() {
        assertThatThrownBy(() -> PublicKeyFile.read(dir.resolve("missing.json"))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("cannot read").hasMessageContaining("missing.json");
    }

    private static List<JWK> accepted(String set) {
        return PublicJwks.parse(set, "jwks", SignedJwts.CLIENT_ASSERTION_ALGORITHMS);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static KeyPair pair(String algorithm, int size) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec(size == 256 ? "secp256r1" : "secp384r1"));
        } else {
            generator.initialize(size);
        }
        return generator.generateKeyPair();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
