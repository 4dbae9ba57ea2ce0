package dev.sentinel.cli.pass;

import dev.sentinel.cli.render.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** The only place a generated private key is rendered: right after it was made, once. */
final class PrivateKeyViews {

    static final String SHOWN_ONCE = "Only its public key is stored; the private key is shown only this once and kept "
            + "nowhere: store it now.";

    private PrivateKeyViews() {
    }

    /** {@code key_id}, {@code key_alg}, {@code private_key_pem} and {@code private_key_jwk}, to add to the credentials. */
    static Map<String, Object> json(GeneratedKey key) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key_id", key.thumbprint());
        json.put("key_alg", key.algorithm().name());
        json.put("private_key_pem", key.privateKeyPem());
        json.put("private_key_jwk", key.privateJwk());
        return json;
    }

    /**
     * Lines to source after the client id's: {@code SENTINEL_CLIENT_KEY_ID}, {@code SENTINEL_CLIENT_KEY_ALG},
     * {@code SENTINEL_CLIENT_PRIVATE_KEY} (the PEM, over several lines inside its quotes) and
     * {@code SENTINEL_CLIENT_PRIVATE_JWK} (one line). None of the values can hold a single quote.
     */
    static String bashExport(GeneratedKey key) {
        return "export SENTINEL_CLIENT_KEY_ID='" + key.thumbprint() + "'\n"
                + "export SENTINEL_CLIENT_KEY_ALG='" + key.algorithm().name() + "'\n"
                + "export SENTINEL_CLIENT_PRIVATE_KEY='" + key.privateKeyPem().strip() + "'\n"
                + "export SENTINEL_CLIENT_PRIVATE_JWK='" + Json.compact(key.privateJwk()) + "'\n";
    }
}
