package dev.sentinel.core.port.in;

import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.domain.access.PasswordPolicy;
import java.util.Arrays;
import java.util.Optional;

/**
 * A new account as any front end asks for it: email (required), display name (the email's local part when blank),
 * whether it is an owner, and an optional password (without one, the person sets it later through a set-up link, or
 * signs in through SSO). {@link #validate()} names every broken rule at once. Holds a copy of the password; call
 * {@link #clear()} once done.
 */
public final class CreateAccountCommand {

    private final String email;
    private final String displayName;
    private final boolean owner;
    private final char[] password;

    public CreateAccountCommand(String email, String displayName, boolean owner, char[] password) {
        this.email = email;
        this.displayName = displayName;
        this.owner = owner;
        this.password = password == null ? null : password.clone();
    }

    /** The checked values. */
    public record Valid(Email email, String displayName, boolean owner, Optional<char[]> password) {
    }

    /** Checks email, display name and password rules together. */
    public Valid validate() {
        Violations violations = new Violations();
        Email checked = violations.check(() -> Email.of(email));
        String shown = violations.check(() -> displayName == null || displayName.isBlank()
                ? (checked == null ? "" : checked.localPart()) : Account.displayName(displayName));
        if (password != null) {
            PasswordPolicy.violations(password, Optional.ofNullable(checked)).forEach(broken -> violations.add(broken.field(), broken.rule()));
        }
        violations.throwIfAny();
        return new Valid(checked, shown, owner, Optional.ofNullable(password));
    }

    /** Zeroes the copy of the password. */
    public void clear() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public String toString() {
        return "CreateAccountCommand[" + email + ", owner=" + owner + ", password=" + (password != null) + "]";
    }
}
