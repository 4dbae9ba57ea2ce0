package dev.sentinel.http.oauth;

import dev.sentinel.core.application.recording.FailedAttempts;
import dev.sentinel.core.port.in.ActivityRecorder;

/** Where the OAuth endpoints record authentication attempts. */
public final class OAuthActivity {

    private final Attempts attempts;

    /**
     * @param recorder where attempts go
     * @param failures where failed client authentications of known passes go, to keep their evidence bounded
     */
    public OAuthActivity(ActivityRecorder recorder, FailedAttempts failures) {
        this.attempts = new Attempts(recorder, failures);
    }

    Attempts attempts() {
        return attempts;
    }
}
