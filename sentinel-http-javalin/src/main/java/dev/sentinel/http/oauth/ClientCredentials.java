package dev.sentinel.http.oauth;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Client credentials as presented, by {@code client_secret_basic} (RFC 6749 §2.3.1: form-encoded, then Base64 in an
 * {@code Authorization: Basic} header) or {@code client_secret_post} (in the body). Using both at once is an
 * {@code invalid_request}; none, or a malformed header, is {@code invalid_client}. {@link #toString()} hides the secret.
 */
record ClientCredentials(String clientId, String secret) {

    /** Reads the credentials; the caller has already dealt with any {@code Bearer} header. */
    static ClientCredentials from(Context ctx, FormBody form) {
        String header = ctx.header("Authorization");
        if (header != null) {
            if (form.get("client_secret").isPresent()) {
                throw OAuthError.invalidRequest("use one client authentication method, not both");
            }
            ClientCredentials basic = basic(header).orElseThrow(OAuthError::invalidClient);
            if (form.get("client_id").map(id -> !id.equals(basic.clientId())).orElse(false)) {
                throw OAuthError.invalidRequest("client_id in the body differs from the Authorization header");
            }
            return basic;
        }
        Optional<String> secret = form.get("client_secret");
        Optional<String> clientId = form.get("client_id");
        if (secret.isEmpty() || clientId.isEmpty()) {
            throw OAuthError.invalidClient();
        }
        return new ClientCredentials(clientId.get(), secret.get());
    }

    private static Optional<ClientCredentials> basic(String header) {
        if (header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            return Optional.of(new ClientCredentials(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "ClientCredentials[client_id=" + clientId + ", secret=redacted]";
    }
}
