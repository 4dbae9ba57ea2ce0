package dev.sentinel.http.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/** The key that signs new tokens: its {@code kid}, algorithm and private key. Thread-safe. */
public final class SigningKey {

    private final String kid;
    private final KeyAlgorithm algorithm;
    private final PrivateKey privateKey;
    private final String encodedHeader;

    SigningKey(String kid, KeyAlgorithm algorithm, PrivateKey privateKey) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.privateKey = privateKey;
        String header = "{\"alg\":\"" + algorithm.joseName() + "\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}";
        this.encodedHeader = Base64Url.encode(header.getBytes(StandardCharsets.US_ASCII));
    }

    public String kid() {
        return kid;
    }

    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    /** Signs the claims as a compact JWS with header {@code {"alg", "typ":"at+jwt", "kid"}}. */
    public String signJwt(byte[] claimsJson) {
        String signingInput = encodedHeader + '.' + Base64Url.encode(claimsJson);
        try {
            Signature signature = Signature.getInstance(algorithm.jdkSignature());
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + '.' + Base64Url.encode(signature.sign());
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException("cannot sign with key " + kid, failure);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", alg=" + algorithm.joseName() + "]";
    }
}
