package dev.sentinel.core.domain.access;

import dev.sentinel.core.domain.Text;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A person who signs in: the email is the login; the display name is what others see. {@code passwordHash} is the
 * Argon2id hash of the password (empty for an account that signs in only through single sign-on, or has not set a
 * password yet); {@code owner} is the server-wide role (project roles are memberships); {@code totp} the second factor
 * when enrolled; {@code disabledAt} when the account was disabled (a disabled account cannot sign in). Immutable; its
 * {@link #toString()} shows no hash or secret.
 */
public record Account(AccountId id, Email email, String displayName, Optional<String> passwordHash, boolean owner,
                      Optional<TotpEnrolment> totp, Instant createdAt, Optional<Instant> disabledAt) {

    public static final String DISPLAY_NAME_FIELD = "display_name";
    public static final int DISPLAY_NAME_MAX_LENGTH = 100;

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(totp, "totp");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(disabledAt, "disabledAt");
    }

    /** A display name from raw input: required, at most 100 characters, trimmed. */
    public static String displayName(String raw) {
        return Text.required(DISPLAY_NAME_FIELD, raw, DISPLAY_NAME_MAX_LENGTH);
    }

    public boolean isDisabled() {
        return disabledAt.isPresent();
    }

    /** Whether a confirmed TOTP factor is enrolled. */
    public boolean hasTotp() {
        return totp.map(TotpEnrolment::isConfirmed).orElse(false);
    }

    public Account withPasswordHash(String hash) {
        return new Account(id, email, displayName, Optional.of(hash), owner, totp, createdAt, disabledAt);
    }

    public Account withTotp(Optional<TotpEnrolment> value) {
        return new Account(id, email, displayName, passwordHash, owner, value, createdAt, disabledAt);
    }

    public Account withOwner(boolean value) {
        return new Account(id, email, displayName, passwordHash, value, totp, createdAt, disabledAt);
    }

    public Account withDisplayName(String value) {
        return new Account(id, email, value, passwordHash, owner, totp, createdAt, disabledAt);
    }

    public Account withDisabledAt(Optional<Instant> value) {
        return new Account(id, email, displayName, passwordHash, owner, totp, createdAt, value);
    }

    @Override
    public String toString() {
        return "Account[" + id + ", " + email + ", owner=" + owner + ", password=" + passwordHash.isPresent()
                + ", totp=" + hasTotp() + ", disabled=" + isDisabled() + "]";
    }
}
