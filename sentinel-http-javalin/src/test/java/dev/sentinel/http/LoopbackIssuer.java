package dev.sentinel.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A workload identity issuer run by the test on loopback, found by discovery: Nimbus JOSE keys, an OpenID discovery
 * document at {@code /.well-known/openid-configuration} naming {@code /jwks}, and a JWKS whose body the test controls
 * — the issuer's public keys, a rotated set, a hostile body, or one trickled a byte a second. Its identifier is its
 * own {@code http://127.0.0.1:port} URL; {@link #stop()} leaves that port closed (the issuer is down). Counts the
 * fetches of each document.
 */
final class LoopbackIssuer implements AutoCloseable {

    final String issuer;
    final AtomicInteger discoveryFetches = new AtomicInteger();
    final AtomicInteger jwksFetches = new AtomicInteger();
    /** Counted down when a trickled body has begun. */
    final CountDownLatch trickling = new CountDownLatch(1);
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "loopback-issuer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<byte[]> jwks = new AtomicReference<>();
    private volatile boolean trickle;
    private volatile boolean closed;
    private volatile String cacheControl = "max-age=300";
    private volatile RSAKey signing;

    private LoopbackIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        server.setExecutor(handlers);
        server.createContext("/.well-known/openid-configuration", exchange -> {
            discoveryFetches.incrementAndGet();
            answer(exchange, ("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri() + "\","
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}").getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/jwks", exchange -> {
            jwksFetches.incrementAndGet();
            if (trickle) {
                trickle(exchange);
            } else {
                answer(exchange, jwks.get());
            }
        });
    }

    /** An RS256 issuer (as GitHub Actions and GitLab sign) publishing its one key, kid {@code kid}, and listening. */
    static LoopbackIssuer started(String kid) {
        LoopbackIssuer issuer = new LoopbackIssuer();
        issuer.rotate(kid);
        issuer.server.start();
        return issuer;
    }

    String jwksUri() {
        return issuer + "/jwks";
    }

    /** The signing key now. */
    RSAKey key() {
        return signing;
    }

    /** A new signing key with id {@code kid}; the JWKS publishes only it from now on (the old key is withdrawn). */
    RSAKey rotate(String kid) {
        RSAKey next = newKey(kid);
        signing = next;
        publish(new JWKSet(next.toPublicJWK()).toString(true));
        return next;
    }

    static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** Serves {@code json} as the JWKS from now on. */
    void publish(String json) {
        jwks.set(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Cache-Control} of the JWKS (default {@code max-age=300}, the least lifetime Sentinel gives a set). */
    void cacheControl(String value) {
        cacheControl = value;
    }

    /** From now on the JWKS answers its headers, then one byte a second. */
    void trickle() {
        trickle = true;
    }

    /** The claims signed with the current key, this issuer as {@code iss}. */
    String mint(JWTClaimsSet.Builder claims) {
        return mint(claims, signing);
    }

    /** The claims signed with {@code key} (its kid in the header), this issuer as {@code iss}. */
    String mint(JWTClaimsSet.Builder claims, RSAKey key) {
        return sign(claims.issuer(issuer), key);
    }

    /** The claims signed with {@code key} and no kid in the header, as some issuers and SDKs send them. */
    String mintWithoutKid(JWTClaimsSet.Builder claims, RSAKey key) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                claims.issuer(issuer).build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException failure) {
            throw new IllegalStateException(failure);
        }
        return jwt.serialize();
    }

    /** The claims signed with the current key under another {@code iss}: an issuer whose keys live here. */
    String mintAs(String iss, JWTClaimsSet.Builder claims) {
        return sign(claims.issuer(iss), signing);
    }

    private static String sign(JWTClaimsSet.Builder claims, RSAKey key) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException failure) {
            throw new IllegalStateException(failure);
        }
        return jwt.serialize();
    }

    private void answer(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", cacheControl);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Headers at once, then the JWKS a byte a second until the client gives up or the issuer closes. */
    private void trickle(HttpExchange exchange) throws IOException {
        byte[] body = jwks.get();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        out.flush();
        trickling.countDown();
        try {
            for (int i = 0; i < body.length && !closed; i++) {
                out.write(body[i]);
                out.flush();
                Thread.sleep(1000);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (IOException gaveUp) {
            // the fetcher cut the connection at its deadline
        } finally {
            exchange.close();
        }
    }

    /** Closes the port: the issuer is down from now on. */
    void stop() {
        closed = true;
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
        handlers.shutdownNow();
    }
}
