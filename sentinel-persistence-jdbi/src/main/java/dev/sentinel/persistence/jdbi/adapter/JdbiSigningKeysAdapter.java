package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.SigningKeyRecord;
import dev.sentinel.core.port.out.SigningKeys;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Signing keys in {@code signing_keys}; the private key is stored as the opaque encrypted text it arrives as. */
final class JdbiSigningKeysAdapter implements SigningKeys {

    private final Handle handle;

    JdbiSigningKeysAdapter(Handle handle) {
        this.handle = handle;
    }

    @Override
    public List<SigningKeyRecord> all() {
        return handle.createQuery("SELECT kid, algorithm, public_jwk, encrypted_private_key, created_at, retired_at "
                        + "FROM signing_keys ORDER BY created_at DESC, kid")
                .map((row, context) -> new SigningKeyRecord(row.getString("kid"), row.getString("algorithm"),
                        row.getString("public_jwk"), row.getString("encrypted_private_key"),
                        Sql.instant(row, "created_at"), Sql.optionalInstant(row, "retired_at")))
                .list();
    }

    @Override
    public void add(SigningKeyRecord key) {
        Sql.insertOrConflict(() -> handle.createUpdate("INSERT INTO signing_keys "
                        + "(kid, algorithm, public_jwk, encrypted_private_key, created_at, retired_at) "
                        + "VALUES (:kid, :algorithm, :publicJwk, :privateKey, :createdAt, :retiredAt)")
                .bind("kid", key.kid())
                .bind("algorithm", key.algorithm())
                .bind("publicJwk", key.publicJwk())
                .bind("privateKey", key.encryptedPrivateKey())
                .bind("createdAt", Sql.utc(key.createdAt()))
                .bind("retiredAt", Sql.utc(key.retiredAt()))
                .execute(), "kid", "signing key " + key.kid() + " exists");
    }

    @Override
    public void retire(String kid, Instant at) {
        handle.createUpdate("UPDATE signing_keys SET retired_at = :at WHERE kid = :kid AND retired_at IS NULL")
                .bind("at", Sql.utc(at))
                .bind("kid", kid)
                .execute();
    }

    @Override
    public int deleteRetiredBefore(Instant cutoff) {
        return handle.createUpdate("DELETE FROM signing_keys WHERE retired_at < :cutoff")
                .bind("cutoff", Sql.utc(cutoff))
                .execute();
    }
}
