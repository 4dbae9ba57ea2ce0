package dev.sentinel.resource.verify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A stand-in issuer on a free loopback port, written with the JDK alone (its own key handling and JSON, none of the
 * verifier's): RFC 8414 metadata, a JWKS whose fetches it counts, and an introspection endpoint that answers from a set
 * of revoked token ids, or fails with a chosen status.
 */
final class TestIssuer implements AutoCloseable {

    static final String INTROSPECTOR_ID = "rs-client";
    static final String INTROSPECTOR_SECRET = "rs-secret";

    /** A key the issuer may publish and sign with. */
    record Key(String kid, String alg, KeyPair pair, String jwk) {
    }

    private final HttpServer server;
    private final List<Key> published = new CopyOnWriteArrayList<>();
    private final Set<String> revokedJti = ConcurrentHashMap.newKeySet();
    final AtomicInteger jwksFetches = new AtomicInteger();
    final AtomicInteger introspections = new AtomicInteger();
    volatile int introspectionStatus = 200;
    volatile String issuerInMetadata;
    volatile String jwksUriInMetadata;
    volatile String introspectionInMetadata;
    volatile int jwksStatus = 200;
    /** When set, the JWKS sends its headers and then a byte every 100 ms. */
    volatile boolean jwksTrickles;

    TestIssuer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/oauth-authorization-server", exchange -> reply(exchange, 200,
                "{\"issuer\":\"" + (issuerInMetadata != null ? issuerInMetadata : issuer()) + "\",\"jwks_uri\":\""
                        + (jwksUriInMetadata != null ? jwksUriInMetadata : issuer() + "/.well-known/jwks.json")
                        + "\",\"introspection_endpoint\":\"" + (introspectionInMetadata != null ? introspectionInMetadata
                        : issuer() + "/oauth/introspect") + "\"}"));
        server.createContext("/.well-known/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            if (jwksTrickles) {
                exchange.sendResponseHeaders(200, 1000);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 100 && jwksTrickles; i++) {
                        out.write(' ');
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException clientGaveUp) {
                    // the verifier's deadline closed the connection
                }
                exchange.close();
                return;
            }
            reply(exchange, jwksStatus, "{\"keys\":[" + published.stream().map(Key::jwk).collect(Collectors.joining(",")) + "]}");
        });
        server.createContext("/oauth/introspect", this::introspect);
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    Key publish(String alg) {
        Key key = newKey(alg);
        published.add(key);
        return key;
    }

    void withdraw(Key key) {
        published.remove(key);
    }

    void revoke(String jti) {
        revokedJti.add(jti);
    }

    static Key newKey(String alg) {
        try {
            String kid = alg.toLowerCase() + "-" + Long.toHexString(System.nanoTime());
            return switch (alg) {
                case "ES256" -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                    KeyPair pair = generator.generateKeyPair();
                    ECPublicKey pub = (ECPublicKey) pair.getPublic();
                    yield new Key(kid, alg, pair, "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + kid + "\",\"use\":\"sig\","
                            + "\"alg\":\"ES256\",\"x\":\"" + b64(fixed(pub.getW().getAffineX(), 32)) + "\",\"y\":\""
                            + b64(fixed(pub.getW().getAffineY(), 32)) + "\"}");
                }
                case "EdDSA" -> {
                    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                    byte[] encoded = pair.getPublic().getEncoded();
                    yield new Key(kid, alg, pair, "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"" + kid + "\",\"alg\":\"EdDSA\","
                            + "\"x\":\"" + b64(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)) + "\"}");
                }
                case "RS256" -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    KeyPair pair = generator.generateKeyPair();
                    RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
                    yield new Key(kid, alg, pair, "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"alg\":\"RS256\",\"n\":\""
                            + b64(fixed(pub.getModulus(), 0)) + "\",\"e\":\"" + b64(fixed(pub.getPublicExponent(), 0)) + "\"}");
                }
                default -> throw new IllegalArgumentException(alg);
            };
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** A compact JWS of the header and claims JSON, signed with the key. */
    static String sign(Key key, String headerJson, String claimsJson) {
        String input = b64(headerJson.getBytes(StandardCharsets.UTF_8)) + "." + b64(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance(switch (key.alg()) {
                case "ES256" -> "SHA256withECDSAinP1363Format";
                case "EdDSA" -> "Ed25519";
                default -> "SHA256withRSA";
            });
            signature.initSign(key.pair().getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(signature.sign());
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException(failure);
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] fixed(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        if (raw.length > 1 && raw[0] == 0) {
            raw = Arrays.copyOfRange(raw, 1, raw.length);
        }
        if (length == 0 || raw.length == length) {
            return raw;
        }
        byte[] padded = new byte[length];
        System.arraycopy(raw, 0, padded, length - raw.length, raw.length);
        return padded;
    }

    private void introspect(HttpExchange exchange) throws IOException {
        introspections.incrementAndGet();
        if (introspectionStatus != 200) {
            reply(exchange, introspectionStatus, "{\"error\":\"slow_down\"}");
            return;
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (INTROSPECTOR_ID + ":" + INTROSPECTOR_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String token = Arrays.stream(form.split("&")).filter(pair -> pair.startsWith("token="))
                .map(pair -> URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8)).findFirst().orElse("");
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        boolean revoked = revokedJti.stream().anyMatch(jti -> claims.contains("\"jti\":\"" + jti + "\""));
        reply(exchange, 200, revoked ? "{\"active\":false}" : "{\"active\":true}");
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
