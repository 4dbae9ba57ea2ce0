package dev.sentinel.http.oauth;

import dev.sentinel.core.port.in.ActivityRecorder;

/** Where the OAuth endpoints record authentication attempts. */
public final class OAuthActivity {

    private final Attempts attempts;

    public OAuthActivity(ActivityRecorder recorder) {
        this.attempts = new Attempts(recorder);
    }

    Attempts attempts() {
        return attempts;
    }
}
