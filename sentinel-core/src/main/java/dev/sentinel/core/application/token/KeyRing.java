package dev.sentinel.core.application.token;

import dev.sentinel.core.jose.VerificationKey;
import dev.sentinel.core.jose.SigningKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of the signing keys: the one that signs, every published verification key by {@code kid}, and the
 * JWKS document. Immutable.
 */
public record KeyRing(SigningKey active, Map<String, VerificationKey> verificationKeys, List<Map<String, String>> jwks) {

    public KeyRing {
        verificationKeys = Map.copyOf(verificationKeys);
        jwks = List.copyOf(jwks);
    }

    public Optional<VerificationKey> verificationKey(String kid) {
        return Optional.ofNullable(verificationKeys.get(kid));
    }
}
