package dev.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the built jar: {@code serve --allow-private-targets} and {@code --accept-token-endpoint-audience} (and their
 * env variables {@code SENTINEL_ALLOW_PRIVATE_TARGETS}, {@code SENTINEL_ACCEPT_TOKEN_ENDPOINT_AUDIENCE}) reach the
 * node: without them a pass's keys at a loopback {@code jwks_uri} are not fetched and an assertion whose {@code aud} is
 * the token endpoint URL is refused; with either form both are accepted, and private targets are logged at start.
 */
class ServeFetchOptionsIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ADMIN = "serve-fetch-options-admin-token-0123456789";
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final String WARNING = "private targets are allowed: keys and metadata may be fetched from loopback";

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ECKey key = newKey();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final HttpServer jwks = jwksServer();
    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        jwks.stop(0);
        for (Process server : servers) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void withoutTheOptionsLoopbackKeysAndTheTokenEndpointAudienceAreRefused() throws Exception {
        Node node = serve("plain", Map.of());

        assertThat(node.log()).doesNotContain(WARNING);
        assertThat(node.grant(node.jwksUriPass, node.issuer).statusCode()).as("keys at a loopback jwks_uri")
                .isEqualTo(401);
        assertThat(jwksRequests.get()).as("nothing fetched from loopback").isZero();
        assertThat(node.grant(node.inlinePass, node.tokenEndpoint).statusCode()).as("aud = token endpoint")
                .isEqualTo(401);
        assertThat(node.grant(node.inlinePass, node.issuer).statusCode()).isEqualTo(200);
    }

    @Test
    void theOptionsReachTheNode() throws Exception {
        Node node = serve("options", Map.of(), "--allow-private-targets", "--accept-token-endpoint-audience");

        assertThat(node.log()).contains(WARNING);
        assertThat(node.grant(node.jwksUriPass, node.issuer).statusCode()).isEqualTo(200);
        assertThat(jwksRequests.get()).isEqualTo(1);
        assertThat(node.grant(node.inlinePass, node.tokenEndpoint).statusCode()).isEqualTo(200);
    }

    @Test
    void theEnvironmentVariablesReachTheNode() throws Exception {
        Node node = serve("env", Map.of("SENTINEL_ALLOW_PRIVATE_TARGETS", "true",
                "SENTINEL_ACCEPT_TOKEN_ENDPOINT_AUDIENCE", "true"));

        assertThat(node.log()).contains(WARNING);
        assertThat(node.grant(node.jwksUriPass, node.issuer).statusCode()).isEqualTo(200);
        assertThat(node.grant(node.inlinePass, node.tokenEndpoint).statusCode()).isEqualTo(200);
    }

    /** A started server with a project, a pass with inline keys and one with keys at the test's loopback jwks_uri. */
    private final class Node {
        final Path log;
        final String issuer;
        final String tokenEndpoint;
        String inlinePass;
        String jwksUriPass;

        Node(Path log, String issuer, String tokenEndpoint) {
            this.log = log;
            this.issuer = issuer;
            this.tokenEndpoint = tokenEndpoint;
        }

        String log() throws Exception {
            return Files.readString(log);
        }

        HttpResponse<String> grant(String clientId, String audience) throws Exception {
            Instant now = Instant.now();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                            .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                            .jwtID(UUID.randomUUID().toString()).build());
            jwt.sign(new ECDSASigner(key));
            String form = "grant_type=client_credentials&client_assertion_type="
                    + URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8) + "&client_assertion=" + jwt.serialize();
            return http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private Node serve(String name, Map<String, String> env, String... options) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = work.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(BuiltJar.java(),
                "-jar", BuiltJar.jar(), "serve", "--port", Integer.toString(port),
                "--data-dir", work.resolve(name).toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("SENTINEL_"));
        builder.environment().put("SENTINEL_ADMIN_TOKEN", ADMIN);
        builder.environment().putAll(env);
        Process process = builder.start();
        servers.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("Press Ctrl-C to stop.")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("serve did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        URI base = URI.create("http://127.0.0.1:" + port);
        JsonNode metadata = MAPPER.readTree(http.send(HttpRequest.newBuilder(base.resolve(
                "/.well-known/oauth-authorization-server")).build(), HttpResponse.BodyHandlers.ofString()).body());
        Node node = new Node(log, metadata.path("issuer").asText(), metadata.path("token_endpoint").asText());
        assertThat(api(base, "/api/v1/projects", Map.of("name", "fetch")).statusCode()).isEqualTo(201);
        node.inlinePass = createPass(base, Map.of("jwks", new JWKSet(key.toPublicJWK()).toJSONObject(true)));
        node.jwksUriPass = createPass(base, Map.of("jwks_uri", "http://127.0.0.1:" + jwks.getAddress().getPort()
                + "/jwks.json"));
        return node;
    }

    private String createPass(URI base, Map<String, Object> keys) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("agent_name", "Fetch Agent", "agent_type",
                "bot", "credential_type", "private_key_jwt", "permissions", "read"));
        body.putAll(keys);
        HttpResponse<String> created = api(base, "/api/v1/projects/fetch/passes", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return MAPPER.readTree(created.body()).path("credentials").path("client_id").asText();
    }

    private HttpResponse<String> api(URI base, String path, Object body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("fetch-key").generate();
        } catch (com.nimbusds.jose.JOSEException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private HttpServer jwksServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks.json", exchange -> {
                jwksRequests.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }
}
