package dev.sentinel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code private_key_jwt} pass whose keys are at a {@code jwks_uri} the test serves on loopback (a JDK HttpServer
 * that counts its requests), with the server allowing private targets: an unknown kid causes one refetch and is then
 * refused; a key rotated in at the URI works after that one refetch, and the key rotated out stops working. Without
 * private targets allowed the keys cannot be had and the assertion is refused with that reason.
 */
class PassJwksUriTest {

    private final AtomicReference<String> published = new AtomicReference<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final HttpServer jwksServer = jwksServer();
    private final String jwksUri = "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json";
    private ServerFixture fixture;
    private KeyPasses passes;

    private HttpServer jwksServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/jwks.json", exchange -> {
                requests.incrementAndGet();
                byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }

    private void start(boolean allowPrivateTargets) {
        fixture = new ServerFixture(server -> server.node(settings -> settings.allowPrivateTargets(allowPrivateTargets)));
        passes = new KeyPasses(fixture);
    }

    @AfterEach
    void stop() {
        fixture.close();
        jwksServer.stop(0);
    }

    private HttpResponse<String> grant(KeyPasses.KeyPass pass, ClientKey key, String kid) {
        return passes.grant(key.sign(ClientKey.claims(pass.clientId(), fixture.server.issuer(), fixture.clock.instant())
                .build(), header -> header.keyID(kid)));
    }

    @Test
    void anUnknownKidIsFetchedForOnceAndARotatedKeyWorksAfterOneRefetch() throws Exception {
        start(true);
        ClientKey first = ClientKey.es256("key-1");
        ClientKey second = ClientKey.es256("key-2");
        published.set(new JWKSet(first.publicJwk()).toString());
        KeyPasses.KeyPass pass = passes.create(Map.of("jwks_uri", jwksUri));
        assertThat(pass.reply().path("pass").path("jwks_uri").asText()).isEqualTo(jwksUri);

        assertThat(grant(pass, first, "key-1").statusCode()).isEqualTo(200);
        assertThat(requests.get()).isEqualTo(1);

        fixture.clock.advance(Duration.ofSeconds(11)); // refetches are at most one per 10 s, counted from any fetch
        assertThat(grant(pass, first, "no-such-key").statusCode()).isEqualTo(401);
        assertThat(requests.get()).as("one refetch for the unknown kid").isEqualTo(2);
        assertThat(passes.refusal(pass)).startsWith("unknown_kid: no ES256 key has kid no-such-key");
        assertThat(grant(pass, first, "another-unknown-key").statusCode()).isEqualTo(401);
        assertThat(requests.get()).as("no second refetch within 10 s").isEqualTo(2);
        assertThat(grant(pass, first, "key-1").statusCode()).as("the known key still works").isEqualTo(200);

        fixture.clock.advance(Duration.ofSeconds(11));
        published.set(new JWKSet(second.publicJwk()).toString());
        assertThat(grant(pass, second, "key-2").statusCode()).as("the rotated-in key, after one refetch")
                .isEqualTo(200);
        assertThat(requests.get()).isEqualTo(3);
        assertThat(grant(pass, first, "key-1").statusCode()).as("the key rotated out").isEqualTo(401);
    }

    @Test
    void withoutPrivateTargetsAllowedTheKeysAtALoopbackUriCannotBeHad() throws Exception {
        start(false);
        ClientKey key = ClientKey.es256("key-1");
        published.set(new JWKSet(key.publicJwk()).toString());
        KeyPasses.KeyPass pass = passes.create(Map.of("jwks_uri", jwksUri));

        assertThat(grant(pass, key, "key-1").statusCode()).isEqualTo(401);

        assertThat(requests.get()).as("nothing was fetched").isZero();
        assertThat(passes.refusal(pass)).startsWith("keys_unavailable: ").contains("--allow-private-targets");
    }

    @Test
    void aJwksUriIsHttpsOrPlainHttpToAPrivateAddressOnly() throws Exception {
        start(true);
        HttpResponse<String> refused = passes.post(Map.of("jwks_uri", "http://keys.example.com/jwks.json"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("jwks_uri").contains("plain http is only for a loopback or private address");
        assertThat(passes.post(Map.of("jwks_uri", "file:///etc/passwd")).statusCode()).isEqualTo(400);
    }
}
