package dev.sentinel.core.port.in;

import com.nimbusds.jose.jwk.JWK;
import dev.sentinel.core.domain.CredentialType;
import dev.sentinel.core.domain.PassKeys;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.fetch.PublicJwks;
import dev.sentinel.core.fetch.SignedJwts;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The key fields of a pass as a user sends them, raw: {@code jwks} (the JSON text of a JWK set), {@code jwks_uri} and
 * {@code accept_token_endpoint_audience}; null for a field not given. {@link #forCreate} and {@link #change} check
 * them, every broken rule at once: a JWK with private parts is refused naming the field, and nothing of it is kept.
 *
 * @param keysCleared for a change only: {@code jwks} or {@code jwks_uri} was given as JSON {@code null}
 */
public record PassKeysInput(String jwks, String jwksUri, Boolean acceptTokenEndpointAudience, boolean keysCleared) {

    /** No key fields given. */
    public static PassKeysInput none() {
        return new PassKeysInput(null, null, null, false);
    }

    /** The key fields of a create. */
    public static PassKeysInput of(String jwks, String jwksUri, Boolean acceptTokenEndpointAudience) {
        return new PassKeysInput(jwks, jwksUri, acceptTokenEndpointAudience, false);
    }

    /** Whether any key field was given. */
    public boolean given() {
        return jwks != null || jwksUri != null || acceptTokenEndpointAudience != null || keysCleared;
    }

    /**
     * The keys of a new pass of {@code type} (null when the type itself was invalid: then only the fields are checked);
     * a pass with a secret takes no key fields, a {@code private_key_jwt} pass needs {@code jwks} or {@code jwks_uri}.
     * Problems go to {@code violations}; the result is then meaningless.
     */
    public PassKeys forCreate(CredentialType type, Violations violations) {
        if (type != null && !type.usesKeys()) {
            String rule = "applies only to credential_type " + CredentialType.PRIVATE_KEY_JWT.code()
                    + " (a pass with a client secret has no keys)";
            if (jwks != null) {
                violations.add(PassKeys.JWKS_FIELD, rule);
            }
            if (jwksUri != null) {
                violations.add(PassKeys.JWKS_URI_FIELD, rule);
            }
            if (acceptTokenEndpointAudience != null) {
                violations.add(PassKeys.ACCEPT_TOKEN_ENDPOINT_AUDIENCE_FIELD, rule);
            }
            return PassKeys.none();
        }
        boolean accept = Boolean.TRUE.equals(acceptTokenEndpointAudience);
        if (jwks == null && jwksUri == null) {
            if (type != null) {
                violations.add(PassKeys.JWKS_FIELD, "is required for credential_type " + CredentialType.PRIVATE_KEY_JWT.code()
                        + ": give the client's public keys as a JWK set in jwks, or their address in jwks_uri");
            }
            return PassKeys.none();
        }
        return keys(accept, violations).orElse(PassKeys.none());
    }

    /**
     * The keys of {@code current} (a key pass's) after this change: {@code jwks} or {@code jwks_uri} replace the keys,
     * {@code accept_token_endpoint_audience} the opt-in; what is not given stays. Clearing the keys without giving
     * others is refused: a key pass needs keys.
     */
    public PassKeys change(PassKeys current, Violations violations) {
        boolean accept = acceptTokenEndpointAudience != null ? acceptTokenEndpointAudience
                : current.acceptTokenEndpointAudience();
        if (jwks == null && jwksUri == null) {
            if (keysCleared) {
                violations.add(PassKeys.JWKS_FIELD, "cannot be removed without giving other keys: a private_key_jwt "
                        + "pass needs jwks or jwks_uri (to stop the pass, deactivate or revoke it)");
                return current;
            }
            return current.withAcceptTokenEndpointAudience(accept);
        }
        return keys(accept, violations).orElse(current);
    }

    private Optional<PassKeys> keys(boolean accept, Violations violations) {
        if (jwks != null && jwksUri != null) {
            violations.add(PassKeys.JWKS_URI_FIELD, "must not be given together with jwks: give one of the two");
            return Optional.empty();
        }
        if (jwks != null) {
            List<JWK> keys = violations.check(() -> PublicJwks.parse(jwks, PassKeys.JWKS_FIELD,
                    SignedJwts.CLIENT_ASSERTION_ALGORITHMS));
            return keys == null ? Optional.empty() : Optional.of(PassKeys.inline(PublicJwks.toJson(keys), accept));
        }
        URI uri = violations.check(() -> PassKeys.parseUri(jwksUri));
        return uri == null ? Optional.empty() : Optional.of(PassKeys.remote(uri, accept));
    }

    @Override
    public String toString() {
        return "PassKeysInput[jwks=" + (jwks != null ? "given" : "-") + ", jwks_uri=" + jwksUri
                + ", accept_token_endpoint_audience=" + acceptTokenEndpointAudience + "]";
    }
}
