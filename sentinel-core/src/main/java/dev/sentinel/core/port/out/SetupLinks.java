package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.SetupLink;
import java.time.Instant;
import java.util.Optional;

/** The one-time set-up links of accounts, by the hash of their token. Used inside a {@link StorageSession}. */
public interface SetupLinks {

    /** Adds a link. */
    void add(SetupLink link);

    /** The link whose token has {@code hash}, locked until the transaction ends (a link is used once). */
    Optional<SetupLink> findForUpdate(String hash);

    /** Marks the link used at {@code at}. */
    void markUsed(String hash, Instant at);

    /** Deletes the account's links that were never used (a new link replaces them); returns how many. */
    int deleteUnused(AccountId account);
}
