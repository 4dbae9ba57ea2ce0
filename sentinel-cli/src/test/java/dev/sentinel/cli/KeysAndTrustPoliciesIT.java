package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passes without secrets and trust policies made with the built jar, used at a server the jar runs on the same store:
 * the key pair {@code pass create --generate-key} prints signs a client assertion the server accepts, {@code pass keys
 * add|remove} rotate it (the removed key is refused at the next request), and a {@code trust-policy create --preset
 * kubernetes} policy lets a Kubernetes-like token in through the jwt-bearer grant until {@code trust-policy delete}.
 */
class KeysAndTrustPoliciesIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String CLUSTER = "https://kubernetes.default.svc.cluster.local";

    @TempDir
    Path work;

    private SentinelProcesses sentinel;
    private String dataDir;

    @BeforeEach
    void processes() {
        sentinel = new SentinelProcesses(work, SentinelProcesses.Via.JAR);
        dataDir = work.resolve("data").toString();
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        sentinel.close();
    }

    @Test
    void theGeneratedKeySignsAssertionsTheServerAcceptsAndPassKeysRotateIt() throws Exception {
        JsonNode created = json(cli("pass", "create", "--project", "fleet", "--name", "Key Bot", "--type", "bot",
                "--generate-key"));
        String passId = created.get("pass").get("pass_id").asText();
        String clientId = created.get("credentials").get("client_id").asText();
        assertThat(created.get("credentials").has("client_secret")).isFalse();
        JWK first = JWK.parse(created.get("credentials").get("private_key_jwk").toString());
        String firstKid = created.get("credentials").get("key_id").asText();

        URI base = sentinel.serve(Map.of(), "--data-dir", dataDir);
        JsonNode metadata = MAPPER.readTree(get(base.resolve("/.well-known/oauth-authorization-server")).body());
        String issuer = metadata.get("issuer").asText();
        assertThat(metadata.get("token_endpoint_auth_methods_supported").toString()).contains("private_key_jwt");

        assertThat(assertionGrant(base, clientId, first, issuer).statusCode()).isEqualTo(200);

        JsonNode added = json(cli("pass", "keys", "add", passId, "--generate-key", "--key-alg", "RS256", "--json"));
        JWK second = JWK.parse(added.get("private_key").get("private_key_jwk").toString());
        assertThat(added.get("keys").findValuesAsText("thumbprint"))
                .containsExactly(firstKid, added.get("private_key").get("key_id").asText());
        assertThat(assertionGrant(base, clientId, second, issuer).statusCode()).isEqualTo(200);
        assertThat(assertionGrant(base, clientId, first, issuer).statusCode()).as("both keys during the rotation")
                .isEqualTo(200);

        SentinelProcesses.Finished removed = sentinel.run("pass", "keys", "remove", passId, "--kid", firstKid,
                "--data-dir", dataDir);
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        HttpResponse<String> refused = assertionGrant(base, clientId, first, issuer);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(MAPPER.readTree(refused.body()).get("error").asText()).isEqualTo("invalid_client");
        assertThat(assertionGrant(base, clientId, second, issuer).statusCode()).isEqualTo(200);

        SentinelProcesses.Finished listed = cli("pass", "keys", passId);
        assertThat(listed.out()).contains(second.computeThumbprint().toString()).doesNotContain(firstKid);
        assertThat(json(cli("audit", "list", "--json")).get("data").findValuesAsText("action"))
                .contains("pass.keys.add", "pass.keys.remove");
    }

    @Test
    void aKubernetesPresetPolicyLetsTheServiceAccountInUntilItIsDeleted() throws Exception {
        String passId = json(cli("pass", "create", "--project", "fleet", "--name", "Invoice Bot", "--type", "bot"))
                .get("pass").get("pass_id").asText();
        RSAKey cluster = new RSAKeyGenerator(2048).keyID("cluster-1").generate();
        Path jwks = Files.writeString(work.resolve("cluster-jwks.json"),
                new JWKSet(cluster.toPublicJWK()).toString(true));
        URI base = sentinel.serve(Map.of(), "--data-dir", dataDir);
        String issuer = MAPPER.readTree(get(base.resolve("/.well-known/oauth-authorization-server")).body())
                .get("issuer").asText();

        JsonNode policy = json(cli("trust-policy", "create", "--project", "fleet", "--pass", passId, "--preset",
                "kubernetes", "--issuer", CLUSTER, "--namespace", "agents", "--service-account", "invoice-bot",
                "--jwks-file", jwks.toString(), "--audience", issuer, "--max-token-age", "10m", "--json"));
        String policyId = policy.get("id").asText();

        HttpResponse<String> granted = jwtBearer(base, serviceAccountToken(cluster, "agents", "invoice-bot", issuer));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(MAPPER.readTree(granted.body()).get("access_token").asText()).isNotBlank();
        HttpResponse<String> otherAccount = jwtBearer(base, serviceAccountToken(cluster, "agents", "payroll-bot",
                issuer));
        assertThat(otherAccount.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(otherAccount.body()).get("error").asText()).isEqualTo("invalid_grant");

        assertThat(cli("trust-policy", "list", "--project", "fleet").out()).contains(policyId, passId, CLUSTER);
        assertThat(cli("trust-policy", "delete", policyId).out()).contains("Deleted trust policy " + policyId);
        HttpResponse<String> afterDelete = jwtBearer(base, serviceAccountToken(cluster, "agents", "invoice-bot",
                issuer));
        assertThat(afterDelete.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(afterDelete.body()).get("error").asText()).isEqualTo("invalid_grant");
    }

    /** Runs a command against the data directory; it must succeed. */
    private SentinelProcesses.Finished cli(String... args) throws Exception {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dataDir;
        SentinelProcesses.Finished finished = sentinel.run(all);
        assertThat(finished.exitCode()).as(String.join(" ", args) + ": " + finished.err()).isZero();
        return finished;
    }

    private static JsonNode json(SentinelProcesses.Finished finished) throws Exception {
        return MAPPER.readTree(finished.out());
    }

    /** A client credentials grant authenticated with a client assertion signed by {@code key}, kid set. */
    private HttpResponse<String> assertionGrant(URI base, String clientId, JWK key, String issuer) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(issuer)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString()).build();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_assertion_type", CLIENT_ASSERTION_TYPE);
        form.put("client_assertion", sign(key, claims));
        return post(base, form);
    }

    private HttpResponse<String> jwtBearer(URI base, String assertion) throws Exception {
        return post(base, Map.of("grant_type", JWT_BEARER, "assertion", assertion));
    }

    /** A projected service-account token as a cluster issues it, signed with the cluster's key. */
    private static String serviceAccountToken(RSAKey cluster, String namespace, String name, String audience)
            throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(CLUSTER)
                .subject("system:serviceaccount:" + namespace + ":" + name).audience(audience)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("kubernetes.io", Map.of("namespace", namespace, "serviceaccount", Map.of("name", name,
                        "uid", "uid-" + name))).build();
        return sign(cluster, claims);
    }

    private static String sign(JWK key, JWTClaimsSet claims) throws Exception {
        JWSAlgorithm alg = key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
        JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                .build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private HttpResponse<String> post(URI base, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(field -> field.getKey() + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return sentinel.http().send(HttpRequest.newBuilder(base.resolve("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return sentinel.http().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
