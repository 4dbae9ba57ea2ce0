package dev.sentinel.core.application.access;

import dev.sentinel.core.application.token.KeyEncryption;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.AccountNotFoundException;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.domain.access.PasswordPolicy;
import dev.sentinel.core.domain.access.SsoIdentity;
import dev.sentinel.core.domain.access.TotpEnrolment;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.in.CreateAccountCommand;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.port.out.CredentialHasher;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * People's accounts: create, passwords (Argon2id through the hasher port, {@link PasswordPolicy}), the TOTP second
 * factor (RFC 6238; the secret encrypted under the key-encryption key; each time step accepted once per account), ten
 * one-time recovery codes, single sign-on links, the owner role, and the {@link Principal} an account acts as. Every
 * change is one transaction with its audit entry. Sign-in orchestration (throttling, sessions) sits on top of these.
 * Immutable and thread-safe; {@link #as(Actor)} names who acts.
 */
public final class AccountService {

    public static final String TOTP_FIELD = "totp";
    public static final String ISSUER = "Sentinel";

    private final Storage storage;
    private final CredentialHasher passwords;
    private final CredentialGenerator generator;
    private final Clock clock;
    private final Optional<KeyEncryption> encryption;
    private final Actor actor;
    /** Hashed once, so that a sign-in with an unknown email costs what one with a known email costs. */
    private volatile String decoyHash;

    /**
     * @param passwords        hashes passwords: must support {@link CredentialHasher#hashPassword} (Argon2id)
     * @param keyEncryptionKey encrypts TOTP secrets (32 bytes, copied); empty: TOTP enrolment is refused
     */
    public AccountService(Storage storage, CredentialHasher passwords, CredentialGenerator generator, Clock clock,
                          Optional<byte[]> keyEncryptionKey, Actor actor) {
        this(storage, passwords, generator, clock, keyEncryptionKey.map(key -> new KeyEncryption(key, new SecureRandom(),
                "the TOTP secret of account")), actor, null);
    }

    private AccountService(Storage storage, CredentialHasher passwords, CredentialGenerator generator, Clock clock,
                           Optional<KeyEncryption> encryption, Actor actor, String decoyHash) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.encryption = encryption;
        this.actor = Objects.requireNonNull(actor, "actor");
        this.decoyHash = decoyHash;
    }

    /** The same service, recording {@code who} as the actor of every change. */
    public AccountService as(Actor who) {
        return new AccountService(storage, passwords, generator, clock, encryption, who, decoyHash);
    }

    /**
     * Creates an account; every broken rule (email, display name, password) is named at once, and a taken email is a
     * {@link ConflictException} on {@code email}. The command's password copy is cleared.
     */
    public Account create(CreateAccountCommand command) {
        try {
            CreateAccountCommand.Valid valid = command.validate();
            Optional<String> hash = valid.password().map(passwords::hashPassword);
            Instant now = clock.instant();
            Account account = new Account(new AccountId(generator.randomId(AccountId.PREFIX, AccountId.RANDOM_LENGTH)),
                    valid.email(), valid.displayName(), hash, valid.owner(), Optional.empty(), now, Optional.empty());
            return storage.inTransaction(session -> {
                if (session.accounts().findByEmail(valid.email()).isPresent()) {
                    throw new ConflictException(Email.FIELD, "an account with email " + valid.email() + " exists");
                }
                session.accounts().add(account);
                audit(session, now, "account.create", account, "owner=" + account.owner()
                        + " password=" + hash.isPresent());
                return account;
            });
        } finally {
            command.clear();
        }
    }

    public Optional<Account> find(AccountId id) {
        return storage.read(session -> session.accounts().find(id));
    }

    public Optional<Account> findByEmail(Email email) {
        return storage.read(session -> session.accounts().findByEmail(email));
    }

    /** Every account, by email. */
    public List<Account> list() {
        return storage.read(session -> session.accounts().list());
    }

    /**
     * The account whose email and password these are, if it is enabled. Costs one Argon2id hash whether or not the
     * email exists, so the time does not tell. Writes nothing (the sign-in use case audits and throttles).
     */
    public Optional<Account> checkPassword(Email email, char[] password) {
        Optional<Account> account = findByEmail(email);
        String hash = account.flatMap(Account::passwordHash).orElseGet(this::decoy);
        boolean matches = passwords.verifyPassword(password, hash);
        return account.filter(found -> matches && found.passwordHash().isPresent() && !found.isDisabled());
    }

    private String decoy() {
        String known = decoyHash;
        if (known == null) {
            known = passwords.hashPassword(generator.randomId("decoy-", 24).toCharArray());
            decoyHash = known;
        }
        return known;
    }

    /** Sets a new password (the policy applies; every broken rule named at once). */
    public void changePassword(AccountId id, char[] password) {
        Account current = find(id).orElseThrow(() -> new AccountNotFoundException(id.value()));
        PasswordPolicy.check(password, current.email());
        String hash = passwords.hashPassword(password);
        change(id, "account.password", "password changed", account -> account.withPasswordHash(hash));
    }

    /** Makes the account an owner, or no longer one. */
    public Account setOwner(AccountId id, boolean owner) {
        return change(id, "account.role", "owner=" + owner, account -> account.withOwner(owner));
    }

    /** Disables the account (it can no longer sign in or act) or enables it again. */
    public Account setDisabled(AccountId id, boolean disabled) {
        Instant now = clock.instant();
        return change(id, "account.disable", "disabled=" + disabled,
                account -> account.withDisabledAt(disabled ? Optional.of(now) : Optional.empty()));
    }

    /** Deletes the account with its memberships, recovery codes and SSO links. */
    public void delete(AccountId id) {
        storage.inTransaction(session -> {
            Account account = session.accounts().findForUpdate(id).orElseThrow(() -> new AccountNotFoundException(id.value()));
            session.accounts().delete(id);
            audit(session, clock.instant(), "account.delete", account, "");
            return null;
        });
    }

    /**
     * Starts TOTP enrolment: a new secret, stored encrypted as pending (it is no factor until {@link #confirmTotp}),
     * returned once. Refused with a {@link ConflictException} when a confirmed factor exists (reset it first).
     *
     * @throws IllegalStateException without a key-encryption key
     */
    public TotpSetup beginTotp(AccountId id) {
        KeyEncryption keys = requireEncryption();
        byte[] secret = generator.randomBytes(TotpCodes.SECRET_BYTES);
        try {
            String sealed = keys.encrypt(id.value(), secret);
            Account account = storage.inTransaction(session -> {
                Account current = session.accounts().findForUpdate(id)
                        .orElseThrow(() -> new AccountNotFoundException(id.value()));
                if (current.hasTotp()) {
                    throw new ConflictException(TOTP_FIELD, "a second factor is enrolled already; reset it first");
                }
                session.accounts().update(current.withTotp(Optional.of(new TotpEnrolment(sealed, Optional.empty(), 0))));
                return current;
            });
            return new TotpSetup(TotpCodes.base32(secret), TotpCodes.uri(ISSUER, account.email().value(), secret));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Confirms a pending enrolment with the current code; the factor counts from now, and ten new recovery codes are
     * returned, once.
     *
     * @throws ValidationException on {@value #TOTP_FIELD} when the code is wrong or there is no pending enrolment
     */
    public RecoveryCodes confirmTotp(AccountId id, String code) {
        RecoveryCodes codes = RecoveryCodes.generate(generator);
        return storage.inTransaction(session -> {
            Instant now = clock.instant();
            Account account = session.accounts().findForUpdate(id).orElseThrow(() -> new AccountNotFoundException(id.value()));
            TotpEnrolment pending = account.totp().filter(totp -> !totp.isConfirmed()).orElseThrow(() ->
                    ValidationException.of(TOTP_FIELD, "no enrolment is pending: start one first"));
            long step = matchingStep(account, pending, code, now).orElseThrow(() ->
                    ValidationException.of(TOTP_FIELD, "is not the current code of the authenticator app"));
            session.accounts().update(account.withTotp(Optional.of(pending.confirmed(now, step))));
            session.accounts().replaceRecoveryCodes(id, codes.hashes(), now);
            audit(session, now, "account.totp_enrol", account, "recovery_codes=" + RecoveryCodes.COUNT);
            return codes;
        });
    }

    /**
     * Whether {@code code} is the account's current TOTP code (one step of drift either way) and its step is later than
     * the last accepted one; an accepted step is remembered, so the same code is refused the second time.
     */
    public boolean verifyTotp(AccountId id, String code) {
        return storage.inTransaction(session -> {
            Account account = session.accounts().findForUpdate(id).orElseThrow(() -> new AccountNotFoundException(id.value()));
            Optional<TotpEnrolment> totp = account.totp().filter(TotpEnrolment::isConfirmed);
            if (totp.isEmpty()) {
                return false;
            }
            Optional<Long> step = matchingStep(account, totp.get(), code, clock.instant());
            step.ifPresent(used -> session.accounts().update(account.withTotp(Optional.of(totp.get().used(used)))));
            return step.isPresent();
        });
    }

    /** Uses one recovery code: true the first time, false ever after (and for a code the account never had). */
    public boolean useRecoveryCode(AccountId id, String code) {
        if (code == null || code.isBlank()) {
            return false;
        }
        return storage.inTransaction(session -> {
            Instant now = clock.instant();
            Account account = session.accounts().findForUpdate(id).orElseThrow(() -> new AccountNotFoundException(id.value()));
            boolean used = session.accounts().useRecoveryCode(id, RecoveryCodes.hash(code), now);
            if (used) {
                audit(session, now, "account.recovery_code", account, "left="
                        + session.accounts().unusedRecoveryCodes(id));
            }
            return used;
        });
    }

    /** Ten new recovery codes replace the old ones (shown once). */
    public RecoveryCodes regenerateRecoveryCodes(AccountId id) {
        RecoveryCodes codes = RecoveryCodes.generate(generator);
        storage.inTransaction(session -> {
            Instant now = clock.instant();
            Account account = session.accounts().findForUpdate(id).orElseThrow(() -> new AccountNotFoundException(id.value()));
            session.accounts().replaceRecoveryCodes(id, codes.hashes(), now);
            audit(session, now, "account.recovery_codes", account, "regenerated");
            return null;
        });
        return codes;
    }

    /** Removes the second factor and the recovery codes (the person enrols again at the next sign-in). */
    public Account resetTotp(AccountId id) {
        return storage.inTransaction(session -> {
            Instant now = clock.instant();
            Account account = session.accounts().findForUpdate(id).orElseThrow(() -> new AccountNotFoundException(id.value()));
            Account reset = account.withTotp(Optional.empty());
            session.accounts().update(reset);
            session.accounts().replaceRecoveryCodes(id, List.of(), now);
            audit(session, now, "account.totp_reset", account, "");
            return reset;
        });
    }

    /**
     * Links an OpenID provider's subject to the account; a subject linked already is a {@link ConflictException} on
     * {@code sub}.
     */
    public SsoIdentity link(AccountId id, String issuer, String subject) {
        return storage.inTransaction(session -> {
            Instant now = clock.instant();
            Account account = session.accounts().findForUpdate(id).orElseThrow(() -> new AccountNotFoundException(id.value()));
            SsoIdentity identity = new SsoIdentity(issuer, subject, id, now);
            session.accounts().link(identity);
            audit(session, now, "account.sso_link", account, "iss=" + issuer);
            return identity;
        });
    }

    /** The account a provider's (issuer, subject) is linked to, if it is enabled. */
    public Optional<Account> findByIdentity(String issuer, String subject) {
        return storage.read(session -> session.accounts().findIdentity(issuer, subject)
                .flatMap(identity -> session.accounts().find(identity.account())).filter(account -> !account.isDisabled()));
    }

    /** What the account may do now: its owner role and memberships; empty when it is gone or disabled. */
    public Optional<Principal> principal(AccountId id) {
        return storage.read(session -> session.accounts().find(id).filter(account -> !account.isDisabled())
                .map(account -> Principal.account(account, session.memberships().listByAccount(id))));
    }

    private Optional<Long> matchingStep(Account account, TotpEnrolment totp, String code, Instant now) {
        if (!TotpCodes.isWellFormed(code)) {
            return Optional.empty();
        }
        byte[] secret = requireEncryption().decrypt(account.id().value(), totp.encryptedSecret());
        try {
            long current = TotpCodes.step(now);
            Optional<Long> found = Optional.empty();
            for (long step = current - TotpCodes.DRIFT_STEPS; step <= current + TotpCodes.DRIFT_STEPS; step++) {
                boolean equal = java.security.MessageDigest.isEqual(TotpCodes.code(secret, step).getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII), code.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                if (equal && step > totp.lastUsedStep() && found.isEmpty()) {
                    found = Optional.of(step);
                }
            }
            return found;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private Account change(AccountId id, String action, String detail, java.util.function.UnaryOperator<Account> change) {
        return storage.inTransaction(session -> {
            Account account = session.accounts().findForUpdate(id).orElseThrow(() -> new AccountNotFoundException(id.value()));
            Account changed = change.apply(account);
            session.accounts().update(changed);
            audit(session, clock.instant(), action, account, detail);
            return changed;
        });
    }

    private KeyEncryption requireEncryption() {
        return encryption.orElseThrow(() -> new IllegalStateException(
                "a second factor needs the key-encryption key, which encrypts its secret"));
    }

    private void audit(StorageSession session, Instant now, String action, Account account, String detail) {
        session.audit().record(new AuditEntry(now, actor.name(), action, Optional.empty(),
                ("account=" + account.email() + " " + detail).strip()));
    }
}
