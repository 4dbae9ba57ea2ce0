package dev.sentinel.core.jose;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;

/** The key that signs new tokens: its {@code kid}, algorithm and private key. Thread-safe. */
public final class SigningKey {

    private final String kid;
    private final KeyAlgorithm algorithm;
    private final JwsCrypto.Signer signer;
    private final String encodedHeader;
    private final String encodedJwtHeader;

    SigningKey(String kid, KeyAlgorithm algorithm, PrivateKey privateKey) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.signer = JwsCrypto.signer(algorithm, privateKey);
        this.encodedHeader = header(AccessTokenType.AT_JWT.headerValue());
        this.encodedJwtHeader = header(AccessTokenType.JWT.headerValue());
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

    /** Signs the claims as a compact JWS with header {@code {"alg", "typ", "kid"}} of the given type. */
    public String signJwt(AccessTokenType type, byte[] claimsJson) {
        return sign(type == AccessTokenType.JWT ? encodedJwtHeader : encodedHeader, claimsJson);
    }

    /** Signs the claims with any {@code typ} in the header (tests forge tokens of other types with it). */
    String signJwt(String typ, byte[] claimsJson) {
        return sign(header(typ), claimsJson);
    }

    private String header(String typ) {
        String header = "{\"alg\":\"" + algorithm.joseName() + "\",\"typ\":\"" + typ + "\",\"kid\":\"" + kid + "\"}";
        return Base64Url.encode(header.getBytes(StandardCharsets.US_ASCII));
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
