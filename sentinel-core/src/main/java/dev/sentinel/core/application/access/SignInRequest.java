package dev.sentinel.core.application.access;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A password sign-in as it arrived: the email and password, the TOTP code or a recovery code when the account has a
 * second factor, and where it came from (for the throttle, the audit trail and the list of sessions). The password is
 * a copy the caller may clear with {@link #clear()}.
 */
public record SignInRequest(String email, char[] password, Optional<String> code, Optional<String> address,
                            Optional<String> userAgent) {

    public SignInRequest {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(userAgent, "userAgent");
    }

    /** Overwrites the password. */
    public void clear() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public String toString() {
        return "SignInRequest[" + email + ", password hidden]";
    }
}
