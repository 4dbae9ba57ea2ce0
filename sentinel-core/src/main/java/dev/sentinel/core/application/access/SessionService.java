package dev.sentinel.core.application.access;

import com.google.common.hash.Hashing;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.AccountNotFoundException;
import dev.sentinel.core.domain.access.SignInSession;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Signed-in sessions of accounts. A session is a random secret of about 256 bits held by the browser in a cookie; the
 * store keeps only its SHA-256 hash, so a copy of the database signs nobody in. Every request reads the store (no
 * cache), so a session ended on one node is refused on every node of the same database at once. A session ends after
 * {@link SessionLimits#idle()} without a request and after {@link SessionLimits#absolute()} in all; the last-seen time
 * is written at most once a minute (a quarter of the idle limit when that is shorter). The per-session token that
 * state-changing requests carry is derived from the secret, so it is neither stored nor guessable from the store.
 * Starting and ending sessions are audited under the account's email. Immutable and thread-safe.
 */
public final class SessionService {

    /** Random base62 characters in a session secret: 43 of them carry about 256 bits. */
    public static final int SECRET_LENGTH = 43;

    private final Storage storage;
    private final AccountService accounts;
    private final CredentialGenerator generator;
    private final Clock clock;
    private final SessionLimits limits;

    public SessionService(Storage storage, AccountService accounts, CredentialGenerator generator, Clock clock,
                          SessionLimits limits) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The same service with other limits. */
    public SessionService withLimits(SessionLimits other) {
        return new SessionService(storage, accounts, generator, clock, other);
    }

    public SessionLimits limits() {
        return limits;
    }

    /**
     * Begins a new session for the account (always a new secret: a session id the browser had before is never
     * adopted) and audits the sign-in. The caller has checked the account's factors.
     *
     * @throws AccountNotFoundException when the account is gone or disabled
     */
    public StartedSession start(AccountId account, SessionStart how) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(how, "how");
        String secret = generator.randomId("", SECRET_LENGTH);
        Instant now = clock.instant();
        SignInSession session = new SignInSession(
                generator.randomId(SignInSession.ID_PREFIX, SignInSession.ID_RANDOM_LENGTH), secretHash(secret), account,
                now, now, how.address(), how.userAgent(), how.method(), how.enrolmentOnly());
        Principal principal = storage.inTransaction(store -> {
            Account found = store.accounts().find(account).filter(known -> !known.isDisabled())
                    .orElseThrow(() -> new AccountNotFoundException(account.value()));
            store.sessions().add(session);
            audit(store, now, found, "account.sign_in", "method=" + how.method() + " session=" + session.id()
                    + (how.enrolmentOnly() ? " enrolment_only=true" : "")
                    + how.address().map(address -> " address=" + address).orElse(""));
            return Principal.account(found, store.memberships().listByAccount(account));
        });
        return new StartedSession(secret, csrfToken(secret), session, principal);
    }

    /**
     * The session this cookie value belongs to, if it is still valid: not ended, not idle too long, not too old, and its
     * account still enabled. An expired session is ended on the way. Refreshes the last-seen time.
     */
    public Optional<ActiveSession> resume(String cookieValue) {
        if (!isWellFormed(cookieValue)) {
            return Optional.empty();
        }
        String hash = secretHash(cookieValue);
        Instant now = clock.instant();
        Optional<SignInSession> stored = storage.read(store -> store.sessions().findBySecretHash(hash));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        SignInSession session = stored.get();
        if (isExpired(session, now)) {
            storage.inTransaction(store -> store.sessions().delete(hash));
            return Optional.empty();
        }
        Optional<Principal> principal = accounts.principal(session.account());
        if (principal.isEmpty()) {
            return Optional.empty();
        }
        if (!session.lastSeenAt().plus(limits.touchEvery()).isAfter(now)) {
            SignInSession seen = session.seenAt(now);
            storage.inTransaction(store -> store.sessions().update(seen));
            session = seen;
        }
        return Optional.of(new ActiveSession(principal.get(), csrfToken(cookieValue), session));
    }

    /** Lifts the enrolment restriction of this session (its account has enrolled a second factor now). */
    public void unrestrict(String cookieValue) {
        if (!isWellFormed(cookieValue)) {
            return;
        }
        String hash = secretHash(cookieValue);
        storage.inTransaction(store -> store.sessions().findBySecretHash(hash)
                .map(session -> store.sessions().update(session.unrestricted())).orElse(false));
    }

    /** Ends (signs out) the session of this cookie value; false when there was none. */
    public boolean end(String cookieValue) {
        if (!isWellFormed(cookieValue)) {
            return false;
        }
        String hash = secretHash(cookieValue);
        Instant now = clock.instant();
        return storage.inTransaction(store -> {
            Optional<SignInSession> session = store.sessions().findBySecretHash(hash);
            if (session.isEmpty()) {
                return false;
            }
            store.sessions().delete(hash);
            store.accounts().find(session.get().account()).ifPresent(account ->
                    audit(store, now, account, "account.sign_out", "session=" + session.get().id()));
            return true;
        });
    }

    /** Ends one of the account's sessions by its public id; false when the account has no such session. */
    public boolean end(AccountId account, String sessionId) {
        Instant now = clock.instant();
        return storage.inTransaction(store -> {
            boolean ended = store.sessions().delete(account, sessionId);
            if (ended) {
                store.accounts().find(account).ifPresent(found ->
                        audit(store, now, found, "account.sign_out", "session=" + sessionId));
            }
            return ended;
        });
    }

    /** Ends every session of the account (sign out everywhere); how many there were. */
    public int endAll(AccountId account) {
        Instant now = clock.instant();
        return storage.inTransaction(store -> {
            int ended = store.sessions().deleteByAccount(account);
            store.accounts().find(account).ifPresent(found ->
                    audit(store, now, found, "account.sign_out_all", "sessions=" + ended));
            return ended;
        });
    }

    /** The account's sessions that are still valid, oldest first. */
    public List<SignInSession> list(AccountId account) {
        Instant now = clock.instant();
        return storage.read(store -> store.sessions().listByAccount(account)).stream()
                .filter(session -> !isExpired(session, now)).toList();
    }

    /** Ends every expired session (housekeeping); how many. */
    public int purgeExpired() {
        Instant now = clock.instant();
        return storage.inTransaction(store -> store.sessions().deleteExpired(now.minus(limits.idle()),
                now.minus(limits.absolute())));
    }

    /** The hash under which the session of this cookie value is stored. */
    public static String secretHash(String cookieValue) {
        return StoredSecretHash.of("session:" + cookieValue);
    }

    private static String csrfToken(String cookieValue) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                Hashing.sha256().hashString("csrf:" + cookieValue, StandardCharsets.US_ASCII).asBytes());
    }

    private boolean isExpired(SignInSession session, Instant now) {
        return !session.lastSeenAt().plus(limits.idle()).isAfter(now)
                || !session.createdAt().plus(limits.absolute()).isAfter(now);
    }

    private static boolean isWellFormed(String cookieValue) {
        if (cookieValue == null || cookieValue.length() != SECRET_LENGTH) {
            return false;
        }
        for (int i = 0; i < cookieValue.length(); i++) {
            char c = cookieValue.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static void audit(StorageSession store, Instant now, Account account, String action, String detail) {
        store.audit().record(new AuditEntry(now, account.email().value(), action, Optional.empty(), detail));
    }
}
