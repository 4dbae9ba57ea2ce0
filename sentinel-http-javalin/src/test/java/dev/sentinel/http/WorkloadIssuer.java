package dev.sentinel.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A workload identity issuer run by the test: Nimbus JOSE keys (RS256 like GitHub Actions and GitLab, or ES256 like
 * many clusters) minting GitHub-Actions-like and Kubernetes-like tokens, and, when {@link #serve()}d, an OpenID
 * discovery document and JWKS from a JDK HttpServer on loopback.
 */
final class WorkloadIssuer implements AutoCloseable {

    final String issuer;
    final JWK key;
    private HttpServer server;

    private WorkloadIssuer(String issuer, JWK key) {
        this.issuer = issuer;
        this.key = key;
    }

    /** An RS256 issuer named {@code issuer}, with key id {@code kid}. */
    static WorkloadIssuer rsa(String issuer, String kid) {
        try {
            return new WorkloadIssuer(issuer, new RSAKeyGenerator(2048).keyID(kid).generate());
        } catch (JOSEException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** An ES256 issuer named {@code issuer}, with key id {@code kid}. */
    static WorkloadIssuer ec(String issuer, String kid) {
        try {
            return new WorkloadIssuer(issuer, new ECKeyGenerator(Curve.P_256).keyID(kid).generate());
        } catch (JOSEException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** The public JWK set as JSON. */
    String publicJwks() {
        return new JWKSet(key.toPublicJWK()).toString(true);
    }

    /** The public JWK set as the object a request body carries. */
    Map<String, Object> publicJwksObject() {
        return new JWKSet(key.toPublicJWK()).toJSONObject(true);
    }

    /** GitHub Actions' claims for a workflow of {@code repository} on {@code ref}, issued at {@code iat}. */
    static JWTClaimsSet.Builder githubActions(String repository, String ref, String audience, Instant iat) {
        return new JWTClaimsSet.Builder().subject("repo:" + repository + ":ref:" + ref).audience(audience)
                .issueTime(Date.from(iat)).notBeforeTime(Date.from(iat)).expirationTime(Date.from(iat.plusSeconds(300)))
                .jwtID("gh-" + iat.getEpochSecond() + "-" + repository).claim("repository", repository)
                .claim("repository_owner", repository.substring(0, repository.indexOf('/')))
                .claim("repository_id", "123456").claim("ref", ref).claim("event_name", "push")
                .claim("job_workflow_ref", repository + "/.github/workflows/deploy.yml@" + ref);
    }

    /** A Kubernetes projected service-account token's claims for {@code namespace}/{@code name}. */
    static JWTClaimsSet.Builder kubernetes(String namespace, String name, String audience, Instant iat) {
        return new JWTClaimsSet.Builder().subject("system:serviceaccount:" + namespace + ":" + name)
                .audience(audience).issueTime(Date.from(iat)).notBeforeTime(Date.from(iat))
                .expirationTime(Date.from(iat.plusSeconds(3600)))
                .claim("kubernetes.io", Map.of("namespace", namespace, "serviceaccount", Map.of("name", name,
                        "uid", "5f2c-" + name), "pod", Map.of("name", name + "-7d9f", "uid", "pod-uid")));
    }

    /** The claims signed by this issuer's key, with its {@code iss}; {@code header} may change the header. */
    String mint(JWTClaimsSet.Builder claims, UnaryOperator<JWSHeader.Builder> header) {
        JWSAlgorithm alg = key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
        JWSHeader built = header.apply(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT))
                .build();
        SignedJWT jwt = new SignedJWT(built, claims.issuer(issuer).build());
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            jwt.sign(signer);
        } catch (JOSEException failure) {
            throw new IllegalStateException(failure);
        }
        return jwt.serialize();
    }

    String mint(JWTClaimsSet.Builder claims) {
        return mint(claims, header -> header);
    }

    /** Serves {@code /.well-known/openid-configuration} and {@code /jwks} on loopback; returns the base URL. */
    String serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        byte[] jwks = publicJwks().getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.createContext("/.well-known/openid-configuration", exchange -> {
            byte[] body = ("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + base + "/jwks\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return base;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
