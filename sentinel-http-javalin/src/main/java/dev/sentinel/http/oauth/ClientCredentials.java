package dev.sentinel.http.oauth;

import dev.sentinel.core.domain.OAuthError;
import dev.sentinel.core.domain.OAuthException;
import dev.sentinel.core.port.in.ClientPresentation;
import dev.sentinel.http.web.Requests;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the client authentication a request presents: {@code client_secret_basic} (RFC 6749 §2.3.1: form-encoded,
 * then Base64 in an {@code Authorization: Basic} header), {@code client_secret_post} (in the body),
 * {@code private_key_jwt} ({@code client_assertion_type} and {@code client_assertion} in the body, RFC 7523 §2.2, with
 * an optional {@code client_id}), and where the endpoint takes it, the admin token as {@code Authorization: Bearer}. Using two methods at once is an
 * {@code invalid_request} (a bearer token with a body secret: {@code invalid_client}); none, or a malformed header, is
 * {@code invalid_client}.
 */
final class ClientCredentials {

    private ClientCredentials() {
    }

    /** A client's credentials, at the token endpoint; what cannot be used is refused when the client is authenticated. */
    static ClientPresentation client(Context ctx, FormBody form) {
        String header = ctx.header("Authorization");
        if (form.get("client_assertion").isPresent() || form.get("client_assertion_type").isPresent()) {
            return assertion(header, form);
        }
        if (header != null) {
            if (form.get("client_secret").isPresent()) {
                return unusable(OAuthError.INVALID_REQUEST, "use one client authentication method, not both");
            }
            Optional<ClientPresentation.Secret> basic = basic(header);
            if (basic.isEmpty()) {
                return unusable(OAuthError.INVALID_CLIENT, "client authentication failed");
            }
            if (form.get("client_id").map(id -> !id.equals(basic.get().clientId())).orElse(false)) {
                return unusable(OAuthError.INVALID_REQUEST, "client_id in the body differs from the Authorization header");
            }
            return basic.get();
        }
        Optional<String> secret = form.get("client_secret");
        Optional<String> clientId = form.get("client_id");
        if (secret.isEmpty() || clientId.isEmpty()) {
            return unusable(OAuthError.INVALID_CLIENT, "client authentication failed");
        }
        return ClientPresentation.post(clientId.get(), secret.get());
    }

    private static ClientPresentation assertion(String header, FormBody form) {
        if (header != null || form.get("client_secret").isPresent()) {
            return unusable(OAuthError.INVALID_REQUEST, "use one client authentication method, not both");
        }
        Optional<String> type = form.get("client_assertion_type");
        if (type.isEmpty() || !type.get().equals(ClientPresentation.JWT_BEARER_ASSERTION_TYPE)) {
            return unusable(OAuthError.INVALID_REQUEST, "client_assertion_type must be "
                    + ClientPresentation.JWT_BEARER_ASSERTION_TYPE + " with a client_assertion");
        }
        Optional<String> assertion = form.get("client_assertion");
        if (assertion.isEmpty()) {
            return unusable(OAuthError.INVALID_REQUEST, "client_assertion is required with client_assertion_type");
        }
        return ClientPresentation.assertion(form.get("client_id").orElse(null), assertion.get());
    }

    private static ClientPresentation unusable(OAuthError error, String description) {
        return new ClientPresentation.Unusable(error, description);
    }

    /** The admin token or a client's credentials, at the introspection and revocation endpoints. */
    static ClientPresentation caller(Context ctx, FormBody form) {
        Optional<String> bearer = Requests.bearerToken(ctx);
        if (bearer.isPresent()) {
            if (form.get("client_secret").isPresent() || form.get("client_assertion").isPresent()) {
                throw OAuthException.invalidClient();
            }
            return new ClientPresentation.AdminToken(bearer.get());
        }
        return client(ctx, form);
    }

    private static Optional<ClientPresentation.Secret> basic(String header) {
        if (header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            return Optional.of(new ClientPresentation.Secret(URLDecoder.decode(decoded.substring(0, colon),
                    StandardCharsets.UTF_8), URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8),
                    ClientPresentation.SecretMethod.BASIC));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
