package dev.sentinel.core.port.in;

import java.util.Objects;

/**
 * The client authentication a request presented, as the adapter read it: a client secret ({@code client_secret_basic}
 * or {@code client_secret_post}), at the introspection and revocation endpoints the admin token as a bearer token, or
 * something unusable. Further methods ({@code private_key_jwt}, public clients) are further kinds. {@link #toString()}
 * never shows a secret.
 */
public sealed interface ClientPresentation permits ClientPresentation.Secret, ClientPresentation.AdminToken,
        ClientPresentation.Unusable {

    /** How a client secret was sent (RFC 6749 §2.3.1). */
    enum SecretMethod {
        /** {@code Authorization: Basic}. */
        BASIC,
        /** {@code client_id} and {@code client_secret} in the form body. */
        POST
    }

    /** A client id and secret. */
    record Secret(String clientId, String secret, SecretMethod method) implements ClientPresentation {

        public Secret {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(method, "method");
        }

        @Override
        public String toString() {
            return "Secret[client_id=" + clientId + ", secret=redacted, method=" + method + "]";
        }
    }

    /** The admin token presented as {@code Authorization: Bearer}. */
    record AdminToken(String token) implements ClientPresentation {

        public AdminToken {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "AdminToken[redacted]";
        }
    }

    /**
     * Client authentication that cannot be read — none at all, a malformed header, two methods at once — refused with
     * {@code error} when the use case comes to authenticate the client (so the request's other errors are reported in
     * the order RFC 6749 checks them).
     */
    record Unusable(dev.sentinel.core.domain.OAuthError error, String description) implements ClientPresentation {

        public Unusable {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(description, "description");
        }
    }

    /** A client secret presented with {@code client_secret_basic}. */
    static ClientPresentation basic(String clientId, String secret) {
        return new Secret(clientId, secret, SecretMethod.BASIC);
    }

    /** A client secret presented with {@code client_secret_post}. */
    static ClientPresentation post(String clientId, String secret) {
        return new Secret(clientId, secret, SecretMethod.POST);
    }
}
