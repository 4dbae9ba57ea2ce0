package dev.sentinel.core.application.access;

import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.AccountNotFoundException;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.domain.access.PasswordPolicy;
import dev.sentinel.core.domain.access.SetupLink;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.in.CreateAccountCommand;
import dev.sentinel.core.port.out.CredentialHasher;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One-time set-up links: the way a person without a password (the first owner of a new store, an account made without
 * one, an owner who lost theirs) chooses one. A link is {@value #PREFIX} in the {@code PrefixedSecret} form (256
 * random bits and a checksum), stored as its SHA-256 hash, valid {@link #VALIDITY} and used once; a new link for an
 * account replaces its unused ones. Issuing and using are audited. Immutable and thread-safe.
 */
public final class SetupLinkService {

    public static final String PREFIX = "sst_";
    public static final Duration VALIDITY = Duration.ofHours(24);
    public static final String TOKEN_FIELD = "token";
    public static final String ISSUE_ACTION = "account.setup_link";
    public static final String USE_ACTION = "account.setup";

    private final Storage storage;
    private final CredentialHasher passwords;
    private final CredentialGenerator generator;
    private final Clock clock;
    private final Actor actor;

    /** @param passwords hashes passwords: must support {@link CredentialHasher#hashPassword} (Argon2id) */
    public SetupLinkService(Storage storage, CredentialHasher passwords, CredentialGenerator generator, Clock clock,
                            Actor actor) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    /** The same service, recording {@code who} as the actor of what it issues. */
    public SetupLinkService as(Actor who) {
        return new SetupLinkService(storage, passwords, generator, clock, who);
    }

    /** What a usable link sets up: the account's email, or empty for the first-run link (which creates the owner). */
    public record Pending(Optional<Email> email) {
    }

    /**
     * What the link with {@code token} sets up, if it is usable now (unknown, used and expired tokens alike are empty).
     * Writes nothing.
     */
    public Optional<Pending> check(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return storage.inTransaction(session -> session.setupLinks().findForUpdate(hash(token.strip()))
                .filter(link -> link.isUsableAt(now))
                .map(link -> new Pending(link.account().flatMap(id -> session.accounts().find(id)).map(Account::email))));
    }

    /** A new link for the account, replacing its unused ones; the token is returned this once. */
    public IssuedSetupLink issue(AccountId id) {
        String token = generator.newPrefixedSecret(PREFIX);
        Instant now = clock.instant();
        Instant expires = now.plus(VALIDITY);
        Account account = storage.inTransaction(session -> {
            Account found = session.accounts().findForUpdate(id).orElseThrow(() -> new AccountNotFoundException(id.value()));
            int replaced = session.setupLinks().deleteUnused(id);
            session.setupLinks().add(new SetupLink(hash(token), Optional.of(id), now, expires, Optional.empty()));
            audit(session, now, actor.name(), ISSUE_ACTION, "account=" + found.email() + " expires_at=" + expires
                    + (replaced > 0 ? " replaced=" + replaced : ""));
            return found;
        });
        return new IssuedSetupLink(Optional.of(account), token, expires);
    }

    /**
     * The first-run link of a store without accounts: it creates the first owner (email, password, display name given
     * when it is used). Empty when the store has an account already (then {@code sentinel account create … --role
     * owner} is the way in).
     */
    public Optional<IssuedSetupLink> issueFirstOwner() {
        String token = generator.newPrefixedSecret(PREFIX);
        Instant now = clock.instant();
        Instant expires = now.plus(VALIDITY);
        boolean issued = storage.inTransaction(session -> {
            if (!session.accounts().list().isEmpty()) {
                return false;
            }
            session.setupLinks().add(new SetupLink(hash(token), Optional.empty(), now, expires, Optional.empty()));
            audit(session, now, actor.name(), ISSUE_ACTION, "first owner expires_at=" + expires);
            return true;
        });
        return issued ? Optional.of(new IssuedSetupLink(Optional.empty(), token, expires)) : Optional.empty();
    }

    /**
     * Uses a link: sets the password of the link's account (the policy applies) and, when given, its display name; a
     * first-run link instead creates the owner account with {@code email} (its rules apply, and a taken email is a
     * {@link dev.sentinel.core.domain.ConflictException}). The link is marked used in the same transaction, with the
     * audit entry by the account itself. An unknown, used or expired token is one {@link ValidationException} on
     * {@value #TOKEN_FIELD} that does not say which; the other rules are checked only for a usable token, and every
     * broken one is named. The password array is left to the caller to clear.
     *
     * @param email the first owner's email; ignored for the link of an existing account
     * @return the account as it is now
     */
    public Account complete(String token, String email, char[] password, String displayName) {
        String hash = token == null || token.isBlank() ? "" : hash(token.strip());
        char[] given = password == null ? new char[0] : password;
        return storage.inTransaction(session -> {
            Instant now = clock.instant();
            SetupLink link = (hash.isEmpty() ? Optional.<SetupLink>empty() : session.setupLinks().findForUpdate(hash))
                    .filter(found -> found.isUsableAt(now))
                    .orElseThrow(() -> ValidationException.of(TOKEN_FIELD, "is not a usable set-up link: it is unknown, "
                            + "used already or older than " + VALIDITY.toHours() + " hours; ask for a new one"));
            Account changed = link.account().isPresent() ? setPassword(session, link.account().get(), given, displayName)
                    : createOwner(session, now, email, given, displayName);
            session.setupLinks().markUsed(hash, now);
            audit(session, now, changed.email().value(), USE_ACTION, "account=" + changed.email()
                    + (link.account().isPresent() ? " password set through a set-up link" : " first owner created"));
            return changed;
        });
    }

    /** As {@link #complete(String, String, char[], String)} for the link of an existing account. */
    public Account complete(String token, char[] password, String displayName) {
        return complete(token, null, password, displayName);
    }

    private Account setPassword(StorageSession session, AccountId id, char[] password, String displayName) {
        Account account = session.accounts().findForUpdate(id).orElseThrow(() -> new AccountNotFoundException(id.value()));
        dev.sentinel.core.domain.Violations violations = new dev.sentinel.core.domain.Violations();
        PasswordPolicy.violations(password, Optional.of(account.email()))
                .forEach(broken -> violations.add(broken.field(), broken.rule()));
        String shown = displayName == null || displayName.isBlank() ? account.displayName()
                : violations.check(() -> Account.displayName(displayName));
        violations.throwIfAny();
        Account changed = account.withPasswordHash(passwords.hashPassword(password)).withDisplayName(shown);
        session.accounts().update(changed);
        return changed;
    }

    private Account createOwner(StorageSession session, Instant now, String email, char[] password, String displayName) {
        CreateAccountCommand command = new CreateAccountCommand(email, displayName, true, password);
        try {
            CreateAccountCommand.Valid valid = command.validate();
            if (session.accounts().findByEmail(valid.email()).isPresent()) {
                throw new ConflictException(Email.FIELD, "an account with email " + valid.email() + " exists");
            }
            Account account = new Account(new AccountId(generator.randomId(AccountId.PREFIX, AccountId.RANDOM_LENGTH)),
                    valid.email(), valid.displayName(), Optional.of(passwords.hashPassword(password)), true,
                    Optional.empty(), now, Optional.empty());
            session.accounts().add(account);
            audit(session, now, account.email().value(), "account.create", "account=" + account.email()
                    + " owner=true password=true");
            return account;
        } finally {
            command.clear();
        }
    }

    static String hash(String token) {
        return StoredSecretHash.of(token);
    }

    private static void audit(StorageSession session, Instant now, String who, String action, String detail) {
        session.audit().record(new AuditEntry(now, who, action, Optional.empty(), detail));
    }
}
