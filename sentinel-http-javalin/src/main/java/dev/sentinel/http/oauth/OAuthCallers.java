package dev.sentinel.http.oauth;

import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.core.application.Authenticator;
import dev.sentinel.http.throttle.AuthThrottle;
import java.time.Clock;

/** Authenticates callers of the introspection and revocation endpoints (admin token or client credentials). */
public final class OAuthCallers {

    private final Callers callers;

    public OAuthCallers(Authenticator authenticator, AdminTokens adminTokens, OAuthActivity activity,
                        AuthThrottle throttle, Clock clock) {
        this.callers = new Callers(authenticator, adminTokens, activity.attempts(), throttle, clock);
    }

    Callers callers() {
        return callers;
    }
}
