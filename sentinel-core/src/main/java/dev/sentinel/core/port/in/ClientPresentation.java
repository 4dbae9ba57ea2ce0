package dev.sentinel.core.port.in;

import java.util.Objects;

/**
 * The client authentication a request presented, as the adapter read it: a client secret ({@code client_secret_basic}
 * or {@code client_secret_post}), a signed client assertion ({@code private_key_jwt}, RFC 7523 §2.2), at the
 * introspection and revocation endpoints the admin token as a bearer token, or something unusable. Further methods
 * (public clients) are further kinds. {@link #toString()} never shows a secret or an assertion.
 */
public sealed interface ClientPresentation permits ClientPresentation.Secret, ClientPresentation.AdminToken,
        ClientPresentation.Assertion, ClientPresentation.Unusable {

    /** The {@code client_assertion_type} of a JWT client assertion (RFC 7523 §2.2). */
    String JWT_BEARER_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

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

    /**
     * A JWT client assertion ({@code client_assertion}, of type {@value #JWT_BEARER_ASSERTION_TYPE}), with the
     * {@code client_id} the request names, if any.
     */
    record Assertion(java.util.Optional<String> clientId, String assertion) implements ClientPresentation {

        public Assertion {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(assertion, "assertion");
        }

        @Override
        public String toString() {
            return "Assertion[client_id=" + clientId.orElse("-") + ", assertion=redacted]";
        }
    }

    /** A client assertion presented with {@code private_key_jwt}; {@code clientId} may be null (not sent). */
    static ClientPresentation assertion(String clientId, String assertion) {
        return new Assertion(java.util.Optional.ofNullable(clientId), assertion);
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
