package dev.sentinel.core.application.access;

import dev.sentinel.core.application.SecurityAudit;
import dev.sentinel.core.application.throttle.AuthThrottle;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.port.in.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs a person in with email, password and (when the account has one) a TOTP code or a recovery code, into a new
 * session. Failed sign-ins count in the core failure throttle per account and address and per address (the limits of
 * client authentication), are refused with a wait once over a limit (one audit entry per throttling episode), and each
 * checked failure is audited as {@code account.sign_in_failed}. An unknown email costs the same Argon2id check as a
 * known one and gets the same refusal. Accounts that {@link TwoFactorRequirement} says must enrol and have not get a
 * session restricted to enrolment. Thread-safe.
 */
public final class SignInService {

    /** The action of the audit entry of a failed sign-in. */
    public static final String FAILED_ACTION = "account.sign_in_failed";

    private final AccountService accounts;
    private final SessionService sessions;
    private final AuthThrottle throttle;
    private final SecurityAudit audit;
    private final TwoFactorRequirement requirement;
    private final Clock clock;

    public SignInService(AccountService accounts, SessionService sessions, AuthThrottle throttle, SecurityAudit audit,
                         TwoFactorRequirement requirement, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.requirement = Objects.requireNonNull(requirement, "requirement");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public TwoFactorRequirement requirement() {
        return requirement;
    }

    /**
     * Checks the sign-in and starts a session when it holds. Clears the request's password.
     *
     * @throws ValidationException naming {@code email} and {@code password} when they are missing or malformed
     */
    public SignInOutcome signIn(SignInRequest request) {
        try {
            Email email = validate(request);
            Instant now = clock.instant();
            AuthThrottle.ClientAttempt attempt = throttle.admitSignIn(request.address(), email.value(), now);
            if (attempt.refusal().isPresent()) {
                return new SignInOutcome.Throttled(attempt.refusal().get());
            }
            try {
                return check(request, email, attempt);
            } catch (RuntimeException failed) {
                attempt.abandoned();
                throw failed;
            }
        } finally {
            request.clear();
        }
    }

    private SignInOutcome check(SignInRequest request, Email email, AuthThrottle.ClientAttempt attempt) {
        Optional<Account> account = accounts.checkPassword(email, request.password());
        Optional<Principal> principal = account.flatMap(found -> accounts.principal(found.id()));
        if (principal.isEmpty()) {
            return refuse(attempt, request, email, "password");
        }
        Account found = account.get();
        boolean restricted = false;
        if (found.hasTotp()) {
            Optional<String> code = request.code().map(String::strip).filter(value -> !value.isEmpty());
            if (code.isEmpty()) {
                attempt.abandoned();
                return new SignInOutcome.CodeNeeded();
            }
            boolean valid = accounts.verifyTotp(found.id(), code.get()) || accounts.useRecoveryCode(found.id(), code.get());
            if (!valid) {
                return refuse(attempt, request, email, "code");
            }
        } else {
            restricted = requirement.requires(principal.get());
        }
        attempt.succeeded(clock.instant());
        SessionStart how = SessionStart.of(SessionStart.PASSWORD, request.address(), request.userAgent());
        StartedSession started = sessions.start(found.id(), restricted ? how.onlyToEnrol() : how);
        return new SignInOutcome.SignedIn(started, restricted);
    }

    private SignInOutcome refuse(AuthThrottle.ClientAttempt attempt, SignInRequest request, Email email, String reason) {
        attempt.failed(Optional.empty());
        audit.record(FAILED_ACTION, Optional.empty(), "email=" + email.value() + " reason=" + reason
                + request.address().map(address -> " address=" + address).orElse(""));
        return new SignInOutcome.Refused();
    }

    private static Email validate(SignInRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        Email email = null;
        try {
            email = Email.of(request.email());
        } catch (ValidationException invalid) {
            violations.addAll(invalid.violations());
        }
        if (request.password() == null || request.password().length == 0) {
            violations.add(new FieldViolation("password", "is required"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return email;
    }
}
