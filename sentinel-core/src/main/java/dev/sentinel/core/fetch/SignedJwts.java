package dev.sentinel.core.fetch;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.sentinel.core.jose.JoseKeys;
import dev.sentinel.core.jose.KeyAlgorithm;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Checks the signature of a JWT made outside Sentinel — a client assertion, a workload's identity token — with keys
 * from a {@link KeySource}. Unsigned, encrypted and HMAC tokens are refused whatever the caller allows, so a public key
 * can never be used as an HMAC secret; so is any algorithm outside the caller's list. A {@code kid} selects the key
 * (unknown after the source's one refetch: refused); without one, every key that fits the algorithm is tried, as the
 * official MCP SDKs sign without a {@code kid}. EdDSA is checked with the JDK's Ed25519. The claims ({@code iss},
 * {@code aud}, {@code exp}, {@code jti} …) are the caller's to check. Thread-safe.
 */
public final class SignedJwts {

    /** The algorithms a pass's keys may sign client assertions with. */
    public static final Set<JWSAlgorithm> CLIENT_ASSERTION_ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.EdDSA,
            JWSAlgorithm.RS256, JWSAlgorithm.PS256);

    /** The algorithms accepted from workload identity issuers (GitHub, GitLab, Kubernetes, SPIFFE sign with these). */
    public static final Set<JWSAlgorithm> ISSUER_ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.EdDSA, JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256,
            JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    /** Verifiers made from keys a source handed out, by key identity (a source hands out the same instances). */
    private static final Cache<JWK, JWSVerifier> VERIFIERS = CacheBuilder.newBuilder().weakKeys().maximumSize(10_000)
            .build();
    /** The JDK form of each Ed25519 key checked, made once per key rather than per token. */
    private static final Cache<JWK, PublicKey> ED25519_KEYS = CacheBuilder.newBuilder().weakKeys()
            .maximumSize(10_000).build();

    private SignedJwts() {
    }

    /**
     * The claims of {@code compact} when its signature is checked by a key of {@code keys} with an algorithm of
     * {@code allowed}.
     *
     * @throws JwtRefusedException with the reason the token is refused
     */
    public static JWTClaimsSet verify(String compact, KeySource keys, Set<JWSAlgorithm> allowed)
            throws JwtRefusedException {
        SignedJWT jwt = parse(compact);
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm alg = header.getAlgorithm();
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg) || !allowed.contains(alg)) {
            throw new JwtRefusedException(JwtRefusedException.Reason.ALG_NOT_ALLOWED, "the token is signed with "
                    + alg + "; accepted: " + names(allowed));
        }
        Optional<String> kid = Optional.ofNullable(header.getKeyID());
        List<JWK> available;
        try {
            available = keys.keys(kid);
        } catch (KeysUnavailableException unavailable) {
            throw new JwtRefusedException(JwtRefusedException.Reason.KEYS_UNAVAILABLE, unavailable.getMessage());
        }
        List<JWK> candidates = available.stream()
                .filter(key -> kid.isEmpty() || kid.get().equals(key.getKeyID()))
                .filter(key -> algorithmsOf(key).contains(alg))
                .toList();
        if (candidates.isEmpty()) {
            throw new JwtRefusedException(JwtRefusedException.Reason.UNKNOWN_KID, kid
                    .map(id -> "no " + alg + " key has kid " + id)
                    .orElse("no key for " + alg));
        }
        for (JWK key : candidates) {
            if (verifies(jwt, key, alg)) {
                try {
                    return jwt.getJWTClaimsSet();
                } catch (ParseException unreadable) {
                    throw new JwtRefusedException(JwtRefusedException.Reason.MALFORMED, "the claims are not a JSON "
                            + "object");
                }
            }
        }
        throw new JwtRefusedException(JwtRefusedException.Reason.BAD_SIGNATURE, "the signature does not verify with "
                + (candidates.size() == 1 ? "the " + alg + " key" : "any of the " + candidates.size() + " " + alg
                + " keys") + kid.map(id -> " with kid " + id).orElse(""));
    }

    /** The algorithms {@code key} can verify: by its type and curve, narrowed to its {@code alg} when it has one. */
    public static Set<JWSAlgorithm> algorithmsOf(JWK key) {
        Set<JWSAlgorithm> byType;
        if (key instanceof ECKey ec) {
            byType = Curve.P_256.equals(ec.getCurve()) ? Set.of(JWSAlgorithm.ES256)
                    : Curve.P_384.equals(ec.getCurve()) ? Set.of(JWSAlgorithm.ES384) : Set.of();
        } else if (key instanceof OctetKeyPair okp) {
            byType = Curve.Ed25519.equals(okp.getCurve()) ? Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519)
                    : Set.of();
        } else if (key instanceof RSAKey) {
            byType = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256,
                    JWSAlgorithm.PS384, JWSAlgorithm.PS512);
        } else {
            byType = Set.of();
        }
        Algorithm declared = key.getAlgorithm();
        if (declared == null) {
            return byType;
        }
        return byType.stream().filter(alg -> alg.getName().equals(declared.getName())).collect(Collectors.toSet());
    }

    /** The names of {@code algorithms}, sorted, for messages and metadata. */
    public static String names(Set<JWSAlgorithm> algorithms) {
        return algorithms.stream().map(Algorithm::getName).sorted().collect(Collectors.joining(", "));
    }

    private static SignedJWT parse(String compact) throws JwtRefusedException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(compact);
        } catch (ParseException unreadable) {
            throw new JwtRefusedException(JwtRefusedException.Reason.MALFORMED, "not a JWT: " + unreadable.getMessage());
        }
        if (jwt instanceof PlainJWT) {
            throw new JwtRefusedException(JwtRefusedException.Reason.ALG_NOT_ALLOWED, "the token is unsigned "
                    + "(alg none)");
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
            throw new JwtRefusedException(JwtRefusedException.Reason.ALG_NOT_ALLOWED, "the token is encrypted; a "
                    + "signed JWT is expected");
        }
        return signed;
    }

    private static boolean verifies(SignedJWT jwt, JWK key, JWSAlgorithm alg) {
        try {
            if (key instanceof OctetKeyPair okp) {
                return verifiesEd25519(jwt, okp);
            }
            return VERIFIERS.get(key, () -> verifier(key)).verify(jwt.getHeader(), jwt.getSigningInput(),
                    jwt.getSignature());
        } catch (JOSEException | ExecutionException | RuntimeException unusable) {
            return false;
        }
    }

    /**
     * A Nimbus verifier for an EC or RSA key, checking with the native provider where it loaded: with the JDK's, an
     * ES256 check costs more than the rest of a grant (a private_key_jwt grant measured 0.07 times a client-secret
     * grant). Nimbus still does what makes the check strict (the signature's length and encoding, the curve of the
     * key); the provider only does the arithmetic.
     */
    private static JWSVerifier verifier(JWK key) throws JOSEException {
        JWSVerifier verifier;
        if (key instanceof ECKey ec) {
            verifier = new ECDSAVerifier(ec);
        } else if (key instanceof RSAKey rsa) {
            verifier = new RSASSAVerifier(rsa);
        } else {
            throw new JOSEException("no verifier for kty " + key.getKeyType());
        }
        dev.sentinel.core.jose.JoseKeys.nativeProvider().ifPresent(provider ->
                verifier.getJCAContext().setProvider(provider));
        return verifier;
    }

    private static boolean verifiesEd25519(SignedJWT jwt, OctetKeyPair okp) {
        try {
            PublicKey publicKey = ED25519_KEYS.get(okp,
                    () -> JoseKeys.publicKey(KeyAlgorithm.EDDSA, Map.of("x", okp.getX().toString())));
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(jwt.getSigningInput());
            return signature.verify(jwt.getSignature().decode());
        } catch (GeneralSecurityException | ExecutionException | RuntimeException bad) {
            return false;
        }
    }
}
