package dev.sentinel.core.application.access;

import dev.sentinel.core.domain.access.SignInSession;
import dev.sentinel.core.port.in.Principal;
import java.util.Objects;

/**
 * A session just begun: the secret to set as the cookie value (shown this once; only its hash is stored), the
 * per-session token that state-changing requests must carry, the stored session and who it acts as.
 */
public record StartedSession(String cookieValue, String csrfToken, SignInSession session, Principal principal) {

    public StartedSession {
        Objects.requireNonNull(cookieValue, "cookieValue");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(principal, "principal");
    }

    @Override
    public String toString() {
        return "StartedSession[" + session.id() + ", " + principal.name() + "]";
    }
}
