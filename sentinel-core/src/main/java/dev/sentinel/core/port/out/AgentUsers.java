package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.AgentUser;
import dev.sentinel.core.domain.ClientId;
import java.util.Optional;

/** The directory of agent users and their credential sets. Used inside a {@link StorageSession}. */
public interface AgentUsers {

    /** Adds a new agent user; a taken client id is a {@link dev.sentinel.core.domain.ConflictException}. */
    void add(AgentUser user);

    Optional<AgentUser> find(ClientId clientId);

    /** Finds and locks the agent user until the transaction ends, so concurrent rotations serialise. */
    Optional<AgentUser> findForUpdate(ClientId clientId);

    /** Replaces the stored credential set and update time of an existing agent user. */
    void update(AgentUser user);

    /** Deletes the agent user and its credentials; false when there was none. */
    boolean delete(ClientId clientId);
}
