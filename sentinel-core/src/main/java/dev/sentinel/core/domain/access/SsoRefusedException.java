package dev.sentinel.core.domain.access;

import dev.sentinel.core.domain.SentinelException;
import java.util.Objects;

/**
 * A single sign-on that verified at the provider but may not reach any account: the provider did not verify the email,
 * no account has it, the account is disabled, or it is linked to another subject of the provider already. The
 * {@link #reason()} is for the audit trail; the message is what the person is shown, and tells no more than that the
 * sign-in was refused (whether an account exists stays unsaid).
 */
public final class SsoRefusedException extends SentinelException {

    /** Why, as the audit trail records it. */
    public enum Reason {
        EMAIL_NOT_VERIFIED, NO_ACCOUNT, DISABLED, LINKED_TO_ANOTHER_SUBJECT;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    public SsoRefusedException(Reason reason) {
        super(message(Objects.requireNonNull(reason, "reason")));
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    private static String message(Reason reason) {
        return reason == Reason.EMAIL_NOT_VERIFIED
                ? "Your sign-in provider did not confirm that your email address is verified, so it cannot be matched "
                + "to a Sentinel account. Verify the address at the provider, or ask a Sentinel owner for help."
                : "No Sentinel account may sign in with this identity. Ask a Sentinel owner to create an account with "
                + "your email address (or to check the one you have).";
    }
}
