package dev.sentinel.core.application.token;

import dev.sentinel.core.domain.SentinelException;
import java.util.Objects;

/**
 * A token request the rules refuse, with its OAuth 2.0 error code ({@code invalid_scope}, {@code unauthorized_client},
 * {@code invalid_client}, …) so that an adapter can answer in the RFC 6749 §5.2 shape. The message is for the client.
 */
public final class TokenRequestException extends SentinelException {

    private final String error;

    public TokenRequestException(String error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** The OAuth error code. */
    public String error() {
        return error;
    }
}
