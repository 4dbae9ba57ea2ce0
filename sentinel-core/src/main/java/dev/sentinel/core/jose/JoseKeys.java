package dev.sentinel.core.jose;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Key material as JOSE sees it: new key pairs with their public JWK and RFC 7638 thumbprint, and the signing and
 * verification keys read back from a stored JWK and PKCS#8 private key. Thread-safe (stateless).
 */
public final class JoseKeys {

    private JoseKeys() {
    }

    /**
     * A new key pair: {@code kid} is the public key's RFC 7638 thumbprint, {@code publicJwk} its JWK (with {@code kid},
     * {@code alg} and {@code use: sig}), {@code privateKey} the PKCS#8 encoding the caller must protect and zero.
     */
    public record GeneratedKey(String kid, String publicJwk, byte[] privateKey) {

        @Override
        public String toString() {
            return "GeneratedKey[kid=" + kid + "]";
        }
    }

    /** Makes a key pair of {@code algorithm}. */
    public static GeneratedKey generate(KeyAlgorithm algorithm) {
        try {
            KeyPair pair = algorithm.generate();
            Map<String, String> members = algorithm.thumbprintMembers(pair.getPublic());
            String kid = thumbprint(members);
            Map<String, String> jwk = new LinkedHashMap<>(members);
            jwk.put("kid", kid);
            jwk.put("alg", algorithm.joseName());
            jwk.put("use", "sig");
            return new GeneratedKey(kid, new String(JoseJson.write(jwk), StandardCharsets.UTF_8),
                    pair.getPrivate().getEncoded());
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException("cannot generate a " + algorithm.joseName() + " key", failure);
        }
    }

    /** The members of a stored public JWK, every value as text. */
    public static Map<String, String> jwkMembers(String publicJwk) {
        Map<String, String> jwk = new LinkedHashMap<>();
        JoseJson.read(publicJwk.getBytes(StandardCharsets.UTF_8)).forEach((name, value) -> jwk.put(name, String.valueOf(value)));
        return jwk;
    }

    /** The public key of a JWK's members, for {@code algorithm}. */
    public static PublicKey publicKey(KeyAlgorithm algorithm, Map<String, String> jwk) throws GeneralSecurityException {
        return algorithm.publicKey(jwk);
    }

    /** The RFC 7638 thumbprint of {@code key}: what a genuine {@code kid} is. */
    public static String thumbprint(KeyAlgorithm algorithm, PublicKey key) {
        return thumbprint(algorithm.thumbprintMembers(key));
    }

    /** The key that signs with the PKCS#8 {@code privateKey}, which the caller zeroes afterwards. */
    public static SigningKey signingKey(String kid, KeyAlgorithm algorithm, byte[] privateKey)
            throws GeneralSecurityException {
        PrivateKey key = KeyFactory.getInstance(algorithm.keyFactory()).generatePrivate(new PKCS8EncodedKeySpec(privateKey));
        return new SigningKey(kid, algorithm, key);
    }

    /** The key that checks signatures of {@code kid}. */
    public static VerificationKey verificationKey(String kid, KeyAlgorithm algorithm, PublicKey key) {
        return new VerificationKey(kid, algorithm, key);
    }

    /** What signs in this process: the native provider, or BouncyCastle and the JDK where it cannot load. */
    public static String signingProvider() {
        return JwsCrypto.signingProviderDescription();
    }

    /**
     * The native provider (AWS-LC) where it loaded and is not switched off: it also checks the signatures of keys
     * from outside (client assertions, workload tokens), ES256 about ten times faster than the JDK.
     */
    public static java.util.Optional<java.security.Provider> nativeProvider() {
        return JwsCrypto.nativeProvider();
    }

    /** Zeroes key material. */
    public static void wipe(byte[] secret) {
        Arrays.fill(secret, (byte) 0);
    }

    private static String thumbprint(Map<String, String> members) {
        return Base64Url.encode(Hashing.sha256().hashBytes(JoseJson.write(members)).asBytes());
    }
}
