package dev.sentinel.core.jose;

import java.util.Map;
import java.util.Objects;

/**
 * A JWS in compact serialization, split and decoded but not yet verified: the protected header, the claims, the
 * signing input and the signature. Every verifier of Sentinel tokens reads tokens through this one parser.
 */
public record CompactJws(Map<String, Object> header, JwtClaims claims, String signingInput, byte[] signature) {

    /** The longest token any verifier looks at; longer ones are refused unread. */
    public static final int MAX_LENGTH = 8192;

    public CompactJws {
        header = Map.copyOf(header);
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(signingInput, "signingInput");
        signature = signature.clone();
    }

    /**
     * Splits and decodes {@code token}.
     *
     * @throws IllegalArgumentException saying what is malformed: empty or too long, not three parts, or parts that
     *                                  are not canonical base64url of a JSON object
     */
    public static CompactJws parse(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the token is empty or longer than " + MAX_LENGTH + " characters");
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw new IllegalArgumentException("the token is not a compact JWS (three parts)");
        }
        try {
            Map<String, Object> header = JoseJson.read(Base64Url.decode(token.substring(0, first)));
            Map<String, Object> claims = JoseJson.read(Base64Url.decode(token.substring(first + 1, second)));
            return new CompactJws(header, new JwtClaims(claims), token.substring(0, second),
                    Base64Url.decode(token.substring(second + 1)));
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("the token's parts are not base64url JSON: " + malformed.getMessage(),
                    malformed);
        }
    }

    /** A header member that is a string; empty when absent or of another type. */
    public java.util.Optional<String> headerText(String name) {
        return header.get(name) instanceof String text ? java.util.Optional.of(text) : java.util.Optional.empty();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public String toString() {
        return "CompactJws[header=" + header + "]";
    }
}
