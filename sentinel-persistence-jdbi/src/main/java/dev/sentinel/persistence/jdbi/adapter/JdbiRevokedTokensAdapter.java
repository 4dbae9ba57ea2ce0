package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.port.out.RevokedTokens;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** The deny-list in {@code revoked_tokens}. */
final class JdbiRevokedTokensAdapter implements RevokedTokens {

    private final Handle handle;
    private final Dialect dialect;

    JdbiRevokedTokensAdapter(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    @Override
    public void revoke(String jti, Instant expiresAt) {
        String sql = dialect == Dialect.POSTGRES
                ? "INSERT INTO revoked_tokens (jti, expires_at) VALUES (:jti, :expiresAt) ON CONFLICT (jti) DO NOTHING"
                : "INSERT INTO revoked_tokens (jti, expires_at) SELECT :jti, :expiresAt WHERE NOT EXISTS "
                        + "(SELECT 1 FROM revoked_tokens WHERE jti = :jti)";
        try {
            handle.createUpdate(sql).bind("jti", jti).bind("expiresAt", Sql.utc(expiresAt)).execute();
        } catch (RuntimeException failure) {
            if (!Sql.isUniqueViolation(failure)) {
                throw failure;
            }
        }
    }

    @Override
    public boolean isRevoked(String jti) {
        return handle.createQuery("SELECT 1 FROM revoked_tokens WHERE jti = :jti").bind("jti", jti)
                .mapTo(Integer.class).findOne().isPresent();
    }

    @Override
    public int deleteExpiredBefore(Instant instant) {
        return handle.createUpdate("DELETE FROM revoked_tokens WHERE expires_at < :instant")
                .bind("instant", Sql.utc(instant)).execute();
    }
}
