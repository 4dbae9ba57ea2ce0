package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.SignInSession;
import dev.sentinel.core.port.out.Sessions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Signed-in sessions in {@code sessions}, by the hash of their secret (never the secret). */
final class JdbiSessionsAdapter implements Sessions {

    private static final String SELECT = "SELECT session_id, secret_hash, account_id, created_at, last_seen_at, address, "
            + "user_agent, method, enrolment_only FROM sessions ";

    private final Handle handle;

    JdbiSessionsAdapter(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void add(SignInSession session) {
        Sql.insertOrConflict(() -> handle.createUpdate("INSERT INTO sessions (session_id, secret_hash, account_id, "
                        + "created_at, last_seen_at, address, user_agent, method, enrolment_only) VALUES (:id, :hash, "
                        + ":account, :createdAt, :lastSeenAt, :address, :userAgent, :method, :enrolmentOnly)")
                .bind("id", session.id()).bind("hash", session.secretHash()).bind("account", session.account().value())
                .bind("createdAt", Sql.utc(session.createdAt())).bind("lastSeenAt", Sql.utc(session.lastSeenAt()))
                .bind("address", session.address().orElse(null)).bind("userAgent", session.userAgent().orElse(null))
                .bind("method", session.method()).bind("enrolmentOnly", session.enrolmentOnly()).execute(),
                "id", "session " + session.id() + " exists");
    }

    @Override
    public Optional<SignInSession> findBySecretHash(String secretHash) {
        return handle.createQuery(SELECT + "WHERE secret_hash = :hash").bind("hash", secretHash)
                .map((row, context) -> of(row)).findFirst();
    }

    @Override
    public List<SignInSession> listByAccount(AccountId account) {
        return handle.createQuery(SELECT + "WHERE account_id = :account ORDER BY created_at, session_id")
                .bind("account", account.value()).map((row, context) -> of(row)).list();
    }

    @Override
    public boolean update(SignInSession session) {
        return handle.createUpdate("UPDATE sessions SET last_seen_at = :lastSeenAt, enrolment_only = :enrolmentOnly "
                        + "WHERE secret_hash = :hash")
                .bind("lastSeenAt", Sql.utc(session.lastSeenAt())).bind("enrolmentOnly", session.enrolmentOnly())
                .bind("hash", session.secretHash()).execute() > 0;
    }

    @Override
    public boolean delete(String secretHash) {
        return handle.createUpdate("DELETE FROM sessions WHERE secret_hash = :hash").bind("hash", secretHash)
                .execute() > 0;
    }

    @Override
    public boolean delete(AccountId account, String id) {
        return handle.createUpdate("DELETE FROM sessions WHERE account_id = :account AND session_id = :id")
                .bind("account", account.value()).bind("id", id).execute() > 0;
    }

    @Override
    public int deleteByAccount(AccountId account) {
        return handle.createUpdate("DELETE FROM sessions WHERE account_id = :account").bind("account", account.value())
                .execute();
    }

    @Override
    public int deleteExpired(Instant idleBefore, Instant createdBefore) {
        return handle.createUpdate("DELETE FROM sessions WHERE last_seen_at < :idle OR created_at < :created")
                .bind("idle", Sql.utc(idleBefore)).bind("created", Sql.utc(createdBefore)).execute();
    }

    private static SignInSession of(ResultSet row) throws SQLException {
        return new SignInSession(row.getString("session_id"), row.getString("secret_hash"),
                new AccountId(row.getString("account_id")), Sql.instant(row, "created_at"),
                Sql.instant(row, "last_seen_at"), Sql.optionalString(row, "address"),
                Sql.optionalString(row, "user_agent"), row.getString("method"), row.getBoolean("enrolment_only"));
    }
}
