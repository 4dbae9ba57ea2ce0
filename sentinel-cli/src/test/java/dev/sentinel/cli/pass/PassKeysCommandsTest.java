package dev.sentinel.cli.pass;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import dev.sentinel.cli.Cli;
import dev.sentinel.cli.Cli.Result;
import dev.sentinel.core.fetch.PublicJwks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pass create} with keys and {@code pass keys}: only public keys reach the store, every change is audited. */
class PassKeysCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    private Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(dataDir);
    }

    @Test
    void generateKeyPrintsThePrivateKeyOnceAndStoresOnlyItsPublicPart() throws Exception {
        Result created = create("--generate-key");

        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonNode credentials = created.json().get("credentials");
        JsonNode pass = created.json().get("pass");
        assertThat(credentials.has("client_secret")).isFalse();
        assertThat(credentials.get("client_id").asText()).isEqualTo(pass.get("client_id").asText());
        assertThat(credentials.get("key_alg").asText()).isEqualTo("ES256");
        assertThat(credentials.get("private_key_pem").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
        JsonNode privateJwk = credentials.get("private_key_jwk");
        assertThat(privateJwk.get("d").asText()).isNotBlank();
        assertThat(pass.get("credential_type").asText()).isEqualTo("private_key_jwt");
        assertThat(pass.get("key_thumbprints").toString()).isEqualTo("[\"" + credentials.get("key_id").asText() + "\"]");
        assertThat(created.err()).contains("Only its public key is stored").contains("shown only this once");

        String passId = pass.get("pass_id").asText();
        JsonNode stored = cli.run("pass", "show", passId, "--json").json().get("jwks").get("keys");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).fieldNames()).toIterable().doesNotContain("d", "p", "q", "dp", "dq", "qi", "oth", "k");
        assertThat(JWK.parse(stored.get(0).toString()).toJSONObject())
                .isEqualTo(JWK.parse(privateJwk.toString()).toPublicJWK().toJSONObject());
        assertThat(storeFilesContain(privateJwk.get("d").asText())).as("the private key in the store's files").isFalse();
        assertThat(storeFilesContain(credentials.get("key_id").asText())).as("the key id in the store's files").isTrue();
    }

    @Test
    void noPrivatePartOfAGeneratedRsaKeyReachesTheStoreOnCreateOrOnKeysAdd() throws Exception {
        Result created = create("--generate-key", "--key-alg", "RS256");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String passId = created.json().get("pass").get("pass_id").asText();
        Result added = cli.run("pass", "keys", "add", passId, "--generate-key", "--key-alg", "PS256", "--json");
        assertThat(added.exitCode()).as(added.err()).isZero();

        List<JsonNode> privateKeys = List.of(created.json().get("credentials"), added.json().get("private_key"));
        for (JsonNode printed : privateKeys) {
            JsonNode jwk = printed.get("private_key_jwk");
            for (String member : List.of("d", "p", "q", "dp", "dq", "qi")) {
                String value = jwk.get(member).asText();
                assertThat(value).as(member).hasSizeGreaterThan(100);
                assertThat(storeFilesContain(value)).as("private member " + member + " in the store's files").isFalse();
            }
            String pemBody = printed.get("private_key_pem").asText().lines().skip(1).findFirst().orElseThrow();
            assertThat(storeFilesContain(pemBody)).as("the PEM private key in the store's files").isFalse();
            assertThat(storeFilesContain(jwk.get("n").asText())).as("the public modulus in the store's files").isTrue();
        }
        JsonNode stored = cli.run("pass", "show", passId, "--json").json().get("jwks").get("keys");
        assertThat(stored).hasSize(2);
        stored.forEach(key -> assertThat(key.fieldNames()).toIterable()
                .doesNotContain("d", "p", "q", "dp", "dq", "qi", "oth", "k"));
    }

    @Test
    void formatEnvPrintsLinesThatBashSourcesIntoTheKeyPairTheStoreHolds() throws Exception {
        Result created = create("--generate-key", "--key-alg", "EdDSA", "--format", "env");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).startsWith("export SENTINEL_CLIENT_ID='spc_").doesNotContain("SENTINEL_CLIENT_SECRET");
        Path exports = Files.writeString(files.resolve("agent.env"), created.out());
        String sourced = bash("source '" + exports + "' && printf '%s\\n--\\n%s\\n--\\n%s' \"$SENTINEL_CLIENT_KEY_ID\" "
                + "\"$SENTINEL_CLIENT_PRIVATE_JWK\" \"$SENTINEL_CLIENT_PRIVATE_KEY\"");
        String[] parts = sourced.split("\n--\n");
        String kid = parts[0];
        JWK privateJwk = JWK.parse(parts[1]);
        byte[] pkcs8 = Base64.getMimeDecoder().decode(parts[2].replaceAll("-----[A-Z ]+-----", ""));
        KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        assertThat(Base64.getUrlDecoder().decode(privateJwk.toJSONObject().get("d").toString()))
                .isEqualTo(java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));

        Result keys = cli.run("pass", "keys", onlyPassId(), "--json");
        assertThat(keys.json().get("keys").get(0).get("thumbprint").asText()).isEqualTo(kid)
                .isEqualTo(PublicJwks.thumbprint(privateJwk.toPublicJWK()));
        assertThat(keys.json().get("keys").get(0).get("alg").asText()).isEqualTo("EdDSA");
    }

    @Test
    void registersAPemPublicKeyFromAFile() throws Exception {
        GeneratedKey key = GeneratedKey.generate(GeneratedKey.Algorithm.RS256);
        Path pem = Files.writeString(files.resolve("agent.pub.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(JWK.parse(key.publicJwk()).toRSAKey().toPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");

        Result created = create("--credential-type", "private_key_jwt", "--jwks-file", pem.toString());

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.json().get("pass").get("key_thumbprints").get(0).asText()).isEqualTo(key.thumbprint());
        assertThat(created.json().get("credentials").has("private_key_pem")).isFalse();
        assertThat(created.err()).contains("no client secret was issued");
    }

    @Test
    void aPrivateKeyInTheFileIsRefusedAndNothingIsCreated() throws Exception {
        GeneratedKey key = GeneratedKey.generate(GeneratedKey.Algorithm.ES256);
        Path file = Files.writeString(files.resolve("oops.json"), JSON.writeValueAsString(key.privateJwk()));

        Result refused = create("--jwks-file", file.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("error: jwks (--jwks-file): key 1 (kid " + key.thumbprint()
                + ") holds private key material (d)");
        assertThat(cli.run("pass", "list", "--project", "demo").out()).doesNotContain("Key Agent");
    }

    @Test
    void takesAJwksUriAndRefusesOneThatIsNotHttps() {
        Result created = create("--jwks-uri", "https://agent.example.com/jwks.json", "--accept-token-endpoint-audience");
        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonNode keys = cli.run("pass", "keys", onlyPassId(), "--json").json();
        assertThat(keys.get("jwks_uri").asText()).isEqualTo("https://agent.example.com/jwks.json");
        assertThat(keys.get("accept_token_endpoint_audience").asBoolean()).isTrue();

        Result refused = create("--jwks-uri", "http://agent.example.com/jwks.json");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("jwks_uri (--jwks-uri)").contains("https");
    }

    @Test
    void twoSourcesOfKeysOrAKeyAlgWithoutGenerateKeyAreUsageErrors() {
        Result two = create("--generate-key", "--jwks-uri", "https://agent.example.com/jwks.json");
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("give one of --jwks-file, --jwks-uri and --generate-key, not several");

        Result alg = create("--key-alg", "RS256");
        assertThat(alg.exitCode()).isEqualTo(2);
        assertThat(alg.err()).contains("--key-alg applies only with --generate-key");

        Result unknown = create("--generate-key", "--key-alg", "HS256");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--key-alg must be one of ES256, EdDSA, RS256, PS256 (got 'HS256')");
        assertThat(cli.run("pass", "list", "--project", "demo").out()).doesNotContain("Key Agent");
    }

    @Test
    void addRemoveAndReplaceChangeTheKeysAndAreAudited() throws Exception {
        Result created = create("--generate-key");
        String passId = created.json().get("pass").get("pass_id").asText();
        String first = created.json().get("credentials").get("key_id").asText();

        Result added = cli.run("pass", "keys", "add", passId, "--generate-key", "--key-alg", "PS256", "--json");
        assertThat(added.exitCode()).as(added.err()).isZero();
        String second = added.json().get("private_key").get("key_id").asText();
        assertThat(added.json().get("keys").findValuesAsText("thumbprint")).containsExactly(first, second);
        assertThat(added.json().get("private_key").get("private_key_jwk").get("d").asText()).isNotBlank();

        Result table = cli.run("pass", "keys", passId);
        assertThat(table.out()).contains("KID", "THUMBPRINT", first, second, "ES256", "PS256", "EC P-256", "RSA 2048");

        Result again = cli.run("pass", "keys", "add", passId, "--jwks-file", write("again.json",
                cli.run("pass", "show", passId, "--json").json().get("jwks").toString()).toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("has this key already").contains("nothing was changed");

        Result removed = cli.run("pass", "keys", "remove", passId, "--kid", first, "--json");
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(removed.json().get("keys").findValuesAsText("thumbprint")).containsExactly(second);

        Result last = cli.run("pass", "keys", "remove", passId, "--thumbprint", second);
        assertThat(last.exitCode()).isEqualTo(1);
        assertThat(last.err()).contains("the key is the last of pass " + passId);

        Result unknown = cli.run("pass", "keys", "remove", passId, "--kid", "no-such-kid");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("has no key with kid no-such-kid").contains(second);

        GeneratedKey next = GeneratedKey.generate(GeneratedKey.Algorithm.ES256);
        Result replaced = cli.run("pass", "keys", "replace", passId, "--jwks-file",
                write("next.json", PublicKeyFile.set(next.publicJwk())).toString(), "--accept-token-endpoint-audience", "true");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(replaced.out()).contains(next.thumbprint()).doesNotContain(second).contains("accepted");

        JsonNode audit = cli.run("audit", "list", "--json").json().get("data");
        assertThat(audit.findValuesAsText("action")).containsSubsequence("pass.keys.replace", "pass.keys.remove",
                "pass.keys.add", "pass.create");
    }

    @Test
    void aPassWithASecretHasNoKeysToChange() {
        String passId = cli.createPass().get("pass").get("pass_id").asText();

        assertThat(cli.run("pass", "keys", passId).out()).contains("authenticates with a client secret");
        Result add = cli.run("pass", "keys", "add", passId, "--generate-key");
        assertThat(add.exitCode()).isEqualTo(1);
        assertThat(add.err()).contains("authenticates with a client secret").doesNotContain("PRIVATE KEY");
        assertThat(add.out()).isEmpty();
    }

    @Test
    void aKeyPassHasNoSecretToRegenerate() {
        String passId = create("--generate-key").json().get("pass").get("pass_id").asText();

        Result regenerate = cli.run("pass", "regenerate", passId);

        assertThat(regenerate.exitCode()).isEqualTo(1);
        assertThat(regenerate.err()).contains("private_key_jwt").contains("no client secret");
        assertThat(regenerate.out()).doesNotContain("sps_");
    }

    private Result create(String... extra) {
        List<String> args = new ArrayList<>(List.of("pass", "create", "--project", "demo", "--name", "Key Agent",
                "--type", "signer"));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private String onlyPassId() {
        return cli.run("pass", "list", "--project", "demo", "--json").json().findValuesAsText("pass_id").get(0);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(files.resolve(name), content);
    }

    private boolean storeFilesContain(String text) throws Exception {
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                for (int at = 0; at + wanted.length <= bytes.length; at++) {
                    if (java.util.Arrays.equals(bytes, at, at + wanted.length, wanted, 0, wanted.length)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String bash(String script) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
