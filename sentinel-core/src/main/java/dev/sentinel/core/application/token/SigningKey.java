package dev.sentinel.core.application.token;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;

/** The key that signs new tokens: its {@code kid}, algorithm and private key. Thread-safe. */
public final class SigningKey {

    private final String kid;
    private final KeyAlgorithm algorithm;
    private final JwsCrypto.Signer signer;
    private final String encodedHeader;

    SigningKey(String kid, KeyAlgorithm algorithm, PrivateKey privateKey) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.signer = JwsCrypto.signer(algorithm, privateKey);
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
        return sign(encodedHeader, claimsJson);
    }

    /** Signs the claims with another {@code typ} in the header, e.g. {@code JWT}. */
    String signJwt(String typ, byte[] claimsJson) {
        String header = "{\"alg\":\"" + algorithm.joseName() + "\",\"typ\":\"" + typ + "\",\"kid\":\"" + kid + "\"}";
        return sign(Base64Url.encode(header.getBytes(StandardCharsets.US_ASCII)), claimsJson);
    }

    private String sign(String header, byte[] claimsJson) {
        String signingInput = header + '.' + Base64Url.encode(claimsJson);
        return signingInput + '.' + Base64Url.encode(signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", alg=" + algorithm.joseName() + "]";
    }
}
