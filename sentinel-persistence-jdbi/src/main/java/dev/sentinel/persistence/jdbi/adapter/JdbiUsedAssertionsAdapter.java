package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.port.out.UsedAssertions;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * The replay cache of client assertions in {@code used_client_assertions}: one row per client and {@code jti}, inserted
 * only if absent, so the primary key decides between two nodes that see the same assertion at once.
 */
final class JdbiUsedAssertionsAdapter implements UsedAssertions {

    private final Handle handle;
    private final Dialect dialect;

    JdbiUsedAssertionsAdapter(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    /**
     * One statement when the {@code jti} is new, as on nearly every grant: the insert. Only when a row is there does
     * a second one ask whether it is an expired row not yet pruned, which does not make the new assertion a replay;
     * the row lock of that update decides between two nodes that both find it expired.
     */
    @Override
    public boolean firstUse(String clientId, String jti, Instant expiresAt, Instant now) {
        String sql = dialect == Dialect.POSTGRES
                ? "INSERT INTO used_client_assertions (client_id, jti, expires_at) VALUES (:clientId, :jti, :expiresAt) "
                        + "ON CONFLICT (client_id, jti) DO NOTHING"
                : "INSERT INTO used_client_assertions (client_id, jti, expires_at) SELECT :clientId, :jti, :expiresAt "
                        + "WHERE NOT EXISTS (SELECT 1 FROM used_client_assertions WHERE client_id = :clientId AND jti = :jti)";
        try {
            if (handle.createUpdate(sql).bind("clientId", clientId).bind("jti", jti)
                    .bind("expiresAt", Sql.utc(expiresAt)).execute() == 1) {
                return true;
            }
        } catch (RuntimeException failure) {
            if (!Sql.isUniqueViolation(failure)) {
                throw failure;
            }
            // another node inserted it between the check and the insert (H2): a replay unless that row has expired,
            // which it has not, being new
            return false;
        }
        return handle.createUpdate("UPDATE used_client_assertions SET expires_at = :expiresAt WHERE client_id = "
                        + ":clientId AND jti = :jti AND expires_at < :now")
                .bind("clientId", clientId).bind("jti", jti).bind("expiresAt", Sql.utc(expiresAt))
                .bind("now", Sql.utc(now)).execute() == 1;
    }

    @Override
    public int deleteExpiredBefore(Instant instant) {
        return handle.createUpdate("DELETE FROM used_client_assertions WHERE expires_at < :instant")
                .bind("instant", Sql.utc(instant)).execute();
    }
}
