package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.domain.access.SsoIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** People's accounts, their recovery codes (hashed) and their single sign-on links. Used inside a {@link StorageSession}. */
public interface Accounts {

    /** Adds an account; a taken email is a {@link dev.sentinel.core.domain.ConflictException} on {@code email}. */
    void add(Account account);

    Optional<Account> find(AccountId id);

    /** Finds and locks the account until the transaction ends (a TOTP step is used once). */
    Optional<Account> findForUpdate(AccountId id);

    Optional<Account> findByEmail(Email email);

    /** Every account, by email. */
    List<Account> list();

    /** Replaces everything but the id, email and creation time of an existing account. */
    void update(Account account);

    /** Deletes the account with its memberships, recovery codes and SSO links; false when there was none. */
    boolean delete(AccountId id);

    /** Replaces the account's recovery codes by {@code hashes} (none left unused from before). */
    void replaceRecoveryCodes(AccountId id, List<String> hashes, Instant at);

    /** Marks the unused recovery code with {@code hash} used; false when the account has no such unused code. */
    boolean useRecoveryCode(AccountId id, String hash, Instant at);

    /** How many of the account's recovery codes are unused. */
    int unusedRecoveryCodes(AccountId id);

    /**
     * Links a provider's subject to an account; a subject already linked (to any account) is a
     * {@link dev.sentinel.core.domain.ConflictException} on {@code sub}.
     */
    void link(SsoIdentity identity);

    /** The account a provider's (issuer, subject) is linked to. */
    Optional<SsoIdentity> findIdentity(String issuer, String subject);

    /** The provider subjects linked to an account. */
    List<SsoIdentity> identities(AccountId id);
}
