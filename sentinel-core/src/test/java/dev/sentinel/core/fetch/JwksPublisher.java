package dev.sentinel.core.fetch;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * An issuer on loopback, keys and tokens by Nimbus JOSE: publishes a JWKS at {@code /jwks} (with a chosen
 * {@code Cache-Control}, or a chosen raw body or status), signs tokens with the keys it made.
 */
final class JwksPublisher implements AutoCloseable {

    final LoopbackServer server;
    private final List<ECKey> published = new CopyOnWriteArrayList<>();
    private final Map<String, ECKey> made = new ConcurrentHashMap<>();
    volatile String cacheControl = "max-age=600";
    volatile String rawBody;
    volatile int status = 200;
    /** When set, the JWKS answers 200 with a 1000-byte length, sends one byte and waits for this gate. */
    volatile CountDownLatch trickleUntil;

    JwksPublisher() throws IOException {
        server = LoopbackServer.http().route("/jwks", exchange -> {
            CountDownLatch gate = trickleUntil;
            if (gate != null) {
                exchange.sendResponseHeaders(200, 1000);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write('{');
                    out.flush();
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                } catch (IOException clientWentAway) {
                    // the fetcher gave up at its deadline
                }
                return;
            }
            if (cacheControl != null) {
                exchange.getResponseHeaders().set("Cache-Control", cacheControl);
            }
            LoopbackServer.reply(exchange, status, rawBody != null ? rawBody : "{\"keys\":[" + publishedJson() + "]}");
        });
    }

    String publishedJson() {
        return published.stream().map(key -> key.toPublicJWK().toJSONString()).collect(Collectors.joining(","));
    }

    URI jwks() {
        return server.uri("/jwks");
    }

    int fetches() {
        return server.hits("/jwks");
    }

    ECKey publish(String kid) {
        ECKey key = make(kid);
        published.add(key);
        return key;
    }

    /** A key this issuer signs with but does not publish. */
    ECKey make(String kid) {
        return made.computeIfAbsent(kid, id -> {
            try {
                return new ECKeyGenerator(Curve.P_256).keyID(id).generate();
            } catch (JOSEException impossible) {
                throw new IllegalStateException(impossible);
            }
        });
    }

    void withdraw(String kid) {
        published.removeIf(key -> key.getKeyID().equals(kid));
    }

    String token(String kid) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(),
                new JWTClaimsSet.Builder().issuer("https://issuer.test").subject("workload").build());
        jwt.sign(new ECDSASigner(made.get(kid)));
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.close();
    }
}
