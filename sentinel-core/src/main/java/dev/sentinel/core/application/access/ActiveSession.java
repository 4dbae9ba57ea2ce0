package dev.sentinel.core.application.access;

import dev.sentinel.core.domain.access.SignInSession;
import dev.sentinel.core.port.in.Principal;
import java.util.Objects;

/** A session presented by its cookie and still valid: who it acts as, its per-session token, and the stored session. */
public record ActiveSession(Principal principal, String csrfToken, SignInSession session) {

    public ActiveSession {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(session, "session");
    }

    /** Whether this session may only enrol a second factor. */
    public boolean enrolmentOnly() {
        return session.enrolmentOnly();
    }

    @Override
    public String toString() {
        return "ActiveSession[" + session.id() + ", " + principal.name() + "]";
    }
}
