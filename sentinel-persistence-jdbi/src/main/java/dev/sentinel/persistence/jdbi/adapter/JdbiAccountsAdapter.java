package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.domain.access.SsoIdentity;
import dev.sentinel.core.domain.access.TotpEnrolment;
import dev.sentinel.core.port.out.Accounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/** Accounts in {@code accounts}, recovery code hashes in {@code account_recovery_codes}, SSO links in {@code account_identities}. */
final class JdbiAccountsAdapter implements Accounts {

    private static final String COLUMNS = "account_id, email, display_name, password_hash, is_owner, totp_secret, "
            + "totp_confirmed_at, totp_last_step, created_at, disabled_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM accounts ";

    private final Handle handle;

    JdbiAccountsAdapter(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void add(Account account) {
        try {
            bind(handle.createUpdate("INSERT INTO accounts (" + COLUMNS + ") VALUES (:id, :email, :displayName, "
                    + ":passwordHash, :owner, :totpSecret, :totpConfirmedAt, :totpLastStep, :createdAt, :disabledAt)"),
                    account).bind("email", account.email().value()).bind("createdAt", Sql.utc(account.createdAt()))
                    .execute();
        } catch (RuntimeException failure) {
            if (Sql.isUniqueViolation(failure)) {
                throw Sql.violates(failure, "accounts_email_uq")
                        ? new ConflictException("email", "an account with email " + account.email() + " exists")
                        : new ConflictException("account_id", "account id " + account.id() + " is taken");
            }
            throw failure;
        }
    }

    @Override
    public Optional<Account> find(AccountId id) {
        return handle.createQuery(SELECT + "WHERE account_id = :id").bind("id", id.value())
                .map(JdbiAccountsAdapter::map).findOne();
    }

    @Override
    public Optional<Account> findForUpdate(AccountId id) {
        return handle.createQuery(SELECT + "WHERE account_id = :id FOR UPDATE").bind("id", id.value())
                .map(JdbiAccountsAdapter::map).findOne();
    }

    @Override
    public Optional<Account> findByEmail(Email email) {
        return handle.createQuery(SELECT + "WHERE email = :email").bind("email", email.value())
                .map(JdbiAccountsAdapter::map).findOne();
    }

    @Override
    public List<Account> list() {
        return handle.createQuery(SELECT).map(JdbiAccountsAdapter::map).list().stream()
                .sorted(java.util.Comparator.comparing(account -> account.email().value())).toList();
    }

    @Override
    public void update(Account account) {
        bind(handle.createUpdate("UPDATE accounts SET display_name = :displayName, password_hash = :passwordHash, "
                + "is_owner = :owner, totp_secret = :totpSecret, totp_confirmed_at = :totpConfirmedAt, "
                + "totp_last_step = :totpLastStep, disabled_at = :disabledAt WHERE account_id = :id"), account).execute();
    }

    private static Update bind(Update update, Account account) {
        Optional<TotpEnrolment> totp = account.totp();
        return update.bind("id", account.id().value())
                .bind("displayName", account.displayName())
                .bind("passwordHash", account.passwordHash().orElse(null))
                .bind("owner", account.owner())
                .bind("totpSecret", totp.map(TotpEnrolment::encryptedSecret).orElse(null))
                .bind("totpConfirmedAt", Sql.utc(totp.flatMap(TotpEnrolment::confirmedAt)))
                .bind("totpLastStep", totp.map(TotpEnrolment::lastUsedStep).orElse(0L))
                .bind("disabledAt", Sql.utc(account.disabledAt()));
    }

    @Override
    public boolean delete(AccountId id) {
        return handle.createUpdate("DELETE FROM accounts WHERE account_id = :id").bind("id", id.value()).execute() > 0;
    }

    @Override
    public void replaceRecoveryCodes(AccountId id, List<String> hashes, Instant at) {
        handle.createUpdate("DELETE FROM account_recovery_codes WHERE account_id = :id").bind("id", id.value()).execute();
        for (String hash : hashes.stream().distinct().sorted().toList()) {
            handle.createUpdate("INSERT INTO account_recovery_codes (account_id, code_hash, created_at) "
                    + "VALUES (:id, :hash, :at)").bind("id", id.value()).bind("hash", hash).bind("at", Sql.utc(at)).execute();
        }
    }

    @Override
    public boolean useRecoveryCode(AccountId id, String hash, Instant at) {
        return handle.createUpdate("UPDATE account_recovery_codes SET used_at = :at WHERE account_id = :id "
                        + "AND code_hash = :hash AND used_at IS NULL")
                .bind("id", id.value()).bind("hash", hash).bind("at", Sql.utc(at)).execute() > 0;
    }

    @Override
    public int unusedRecoveryCodes(AccountId id) {
        return handle.createQuery("SELECT COUNT(*) FROM account_recovery_codes WHERE account_id = :id AND used_at IS NULL")
                .bind("id", id.value()).mapTo(Integer.class).one();
    }

    @Override
    public void link(SsoIdentity identity) {
        Sql.insertOrConflict(() -> handle.createUpdate("INSERT INTO account_identities (issuer, subject, account_id, "
                        + "linked_at) VALUES (:issuer, :subject, :account, :at)")
                .bind("issuer", identity.issuer()).bind("subject", identity.subject())
                .bind("account", identity.account().value()).bind("at", Sql.utc(identity.linkedAt())).execute(),
                "sub", "this provider subject is linked to an account already");
    }

    @Override
    public Optional<SsoIdentity> findIdentity(String issuer, String subject) {
        return handle.createQuery("SELECT issuer, subject, account_id, linked_at FROM account_identities "
                        + "WHERE issuer = :issuer AND subject = :subject")
                .bind("issuer", issuer).bind("subject", subject).map(JdbiAccountsAdapter::mapIdentity).findOne();
    }

    @Override
    public List<SsoIdentity> identities(AccountId id) {
        return handle.createQuery("SELECT issuer, subject, account_id, linked_at FROM account_identities "
                        + "WHERE account_id = :id ORDER BY linked_at, issuer, subject")
                .bind("id", id.value()).map(JdbiAccountsAdapter::mapIdentity).list();
    }

    private static SsoIdentity mapIdentity(ResultSet row, StatementContext context) throws SQLException {
        return new SsoIdentity(row.getString("issuer"), row.getString("subject"), new AccountId(row.getString("account_id")),
                Sql.instant(row, "linked_at"));
    }

    private static Account map(ResultSet row, StatementContext context) throws SQLException {
        Optional<TotpEnrolment> totp = Sql.optionalString(row, "totp_secret").map(secret -> {
            try {
                return new TotpEnrolment(secret, Sql.optionalInstant(row, "totp_confirmed_at"), row.getLong("totp_last_step"));
            } catch (SQLException failure) {
                throw new IllegalStateException(failure);
            }
        });
        return new Account(new AccountId(row.getString("account_id")), new Email(row.getString("email")),
                row.getString("display_name"), Sql.optionalString(row, "password_hash"), row.getBoolean("is_owner"), totp,
                Sql.instant(row, "created_at"), Sql.optionalInstant(row, "disabled_at"));
    }
}
