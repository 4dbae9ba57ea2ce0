package dev.sentinel.core.application.access;

import java.time.Duration;
import java.util.Objects;

/** What a password sign-in came to. */
public sealed interface SignInOutcome {

    /**
     * Signed in: a new session. {@code enrolmentRequired}: the account must enrol a second factor, and the session may do
     * nothing else until it has.
     */
    record SignedIn(StartedSession session, boolean enrolmentRequired) implements SignInOutcome {
        public SignedIn {
            Objects.requireNonNull(session, "session");
        }
    }

    /** The email and password are right and the account has a second factor: send its code (or a recovery code). */
    record CodeNeeded() implements SignInOutcome {
    }

    /** Refused; the reply must not say which of email, password or code was wrong. */
    record Refused() implements SignInOutcome {
    }

    /** Too many failed sign-ins for this account or address: wait {@code retryAfter}. */
    record Throttled(Duration retryAfter) implements SignInOutcome {
        public Throttled {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
