package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.SetupLink;
import dev.sentinel.core.port.out.SetupLinks;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** One-time set-up links in {@code setup_links}: the hash of the token, never the token. */
final class JdbiSetupLinksAdapter implements SetupLinks {

    private final Handle handle;

    JdbiSetupLinksAdapter(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void add(SetupLink link) {
        handle.createUpdate("INSERT INTO setup_links (token_hash, account_id, created_at, expires_at, used_at) "
                        + "VALUES (:hash, :account, :createdAt, :expiresAt, :usedAt)")
                .bind("hash", link.hash()).bind("account", link.account().map(AccountId::value).orElse(null))
                .bind("createdAt", Sql.utc(link.createdAt())).bind("expiresAt", Sql.utc(link.expiresAt()))
                .bind("usedAt", Sql.utc(link.usedAt())).execute();
    }

    @Override
    public Optional<SetupLink> findForUpdate(String hash) {
        return handle.createQuery("SELECT token_hash, account_id, created_at, expires_at, used_at FROM setup_links "
                        + "WHERE token_hash = :hash FOR UPDATE")
                .bind("hash", hash)
                .map((row, context) -> new SetupLink(row.getString("token_hash"), Optional.ofNullable(row.getString("account_id")).map(AccountId::new),
                        Sql.instant(row, "created_at"), Sql.instant(row, "expires_at"),
                        Sql.optionalInstant(row, "used_at")))
                .findFirst();
    }

    @Override
    public void markUsed(String hash, Instant at) {
        handle.createUpdate("UPDATE setup_links SET used_at = :at WHERE token_hash = :hash")
                .bind("hash", hash).bind("at", Sql.utc(at)).execute();
    }

    @Override
    public int deleteUnused(AccountId account) {
        return handle.createUpdate("DELETE FROM setup_links WHERE account_id = :account AND used_at IS NULL")
                .bind("account", account.value()).execute();
    }
}
