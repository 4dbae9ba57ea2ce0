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

    @Override
    public boolean firstUse(String clientId, String jti, Instant expiresAt, Instant now) {
        // a row left from an assertion that has expired (not yet pruned) does not make a new one a replay
        handle.createUpdate("DELETE FROM used_client_assertions WHERE client_id = :clientId AND jti = :jti "
                        + "AND expires_at < :now")
                .bind("clientId", clientId).bind("jti", jti).bind("now", Sql.utc(now)).execute();
        String sql = dialect == Dialect.POSTGRES
                ? "INSERT INTO used_client_assertions (client_id, jti, expires_at) VALUES (:clientId, :jti, :expiresAt) "
                        + "ON CONFLICT (client_id, jti) DO NOTHING"
                : "INSERT INTO used_client_assertions (client_id, jti, expires_at) SELECT :clientId, :jti, :expiresAt "
                        + "WHERE NOT EXISTS (SELECT 1 FROM used_client_assertions WHERE client_id = :clientId AND jti = :jti)";
        try {
            return handle.createUpdate(sql).bind("clientId", clientId).bind("jti", jti)
                    .bind("expiresAt", Sql.utc(expiresAt)).execute() == 1;
        } catch (RuntimeException failure) {
            if (Sql.isUniqueViolation(failure)) {
                return false; // another node inserted it between the check and the insert (H2)
            }
            throw failure;
        }
    }

    @Override
    public int deleteExpiredBefore(Instant instant) {
        return handle.createUpdate("DELETE FROM used_client_assertions WHERE expires_at < :instant")
                .bind("instant", Sql.utc(instant)).execute();
    }
}
