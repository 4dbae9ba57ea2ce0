package dev.sentinel.core.domain.access;

import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules a password must keep, all checked at once: at least {@value #MIN_LENGTH} characters (code points), no more
 * than {@value #MAX_LENGTH}; not containing the email's local part (ignoring case) when that part has at least
 * {@value #MIN_LOCAL_PART} characters (a shorter one, such as {@code a@example.com}, would rule out half the
 * dictionary); and not one of the 30,000 common passwords zxcvbn ships (ignoring case). The password never appears in
 * any message. Stateless.
 */
public final class PasswordPolicy {

    public static final String FIELD = "password";
    public static final int MIN_LENGTH = 12;
    /** Long enough for any passphrase, short enough that hashing it costs nothing extra. */
    public static final int MAX_LENGTH = 1024;
    static final int MIN_LOCAL_PART = 3;

    private PasswordPolicy() {
    }

    /** The broken rules of {@code password} for the account {@code email}; empty when it may be used. */
    public static List<FieldViolation> violations(char[] password, Email email) {
        return violations(password, java.util.Optional.of(email));
    }

    /** As {@link #violations(char[], Email)}; without an email (one that broke its own rule) its name is not checked. */
    public static List<FieldViolation> violations(char[] password, java.util.Optional<Email> email) {
        List<FieldViolation> broken = new ArrayList<>();
        String text = new String(password);
        int length = text.codePointCount(0, text.length());
        if (length < MIN_LENGTH) {
            broken.add(new FieldViolation(FIELD, "must have at least " + MIN_LENGTH + " characters"));
        }
        if (length > MAX_LENGTH) {
            broken.add(new FieldViolation(FIELD, "must have at most " + MAX_LENGTH + " characters"));
        }
        String localPart = email.map(Email::localPart).orElse("").toLowerCase(Locale.ROOT);
        if (localPart.length() >= MIN_LOCAL_PART && text.toLowerCase(Locale.ROOT).contains(localPart)) {
            broken.add(new FieldViolation(FIELD, "must not contain the email's name (" + localPart + ")"));
        }
        if (CommonPasswords.contains(text)) {
            broken.add(new FieldViolation(FIELD, "is one of the most common passwords; choose another"));
        }
        return broken;
    }

    /** Throws one {@link ValidationException} naming every broken rule. */
    public static void check(char[] password, Email email) {
        List<FieldViolation> broken = violations(password, email);
        if (!broken.isEmpty()) {
            throw new ValidationException(broken);
        }
    }
}
