package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.SignInSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The signed-in sessions, found by the hash of their secret (the secret itself is never stored). Kept in the store so
 * that every node of one database sees a sign-in and a sign-out at once. Used inside a {@link StorageSession}.
 */
public interface Sessions {

    /** Adds a session; a taken id or secret hash is a {@link dev.sentinel.core.domain.ConflictException}. */
    void add(SignInSession session);

    /** The session whose secret hashes to {@code secretHash}. */
    Optional<SignInSession> findBySecretHash(String secretHash);

    /** The account's sessions, oldest first. */
    List<SignInSession> listByAccount(AccountId account);

    /** Stores the session's last-seen time and enrolment restriction; false when it is gone. */
    boolean update(SignInSession session);

    /** Ends the session with this secret hash; false when there was none. */
    boolean delete(String secretHash);

    /** Ends the account's session with this public id; false when it has none. */
    boolean delete(AccountId account, String id);

    /** Ends every session of the account; how many there were. */
    int deleteByAccount(AccountId account);

    /** Ends the sessions last seen before {@code idleBefore} or begun before {@code createdBefore}; how many. */
    int deleteExpired(Instant idleBefore, Instant createdBefore);
}
