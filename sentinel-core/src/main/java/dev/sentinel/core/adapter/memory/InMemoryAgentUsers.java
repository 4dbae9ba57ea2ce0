package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.AgentUser;
import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.port.out.AgentUsers;
import java.util.Optional;

final class InMemoryAgentUsers implements AgentUsers {

    private final InMemoryState state;

    InMemoryAgentUsers(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void add(AgentUser user) {
        if (state.agentUsers.putIfAbsent(user.clientId(), user) != null) {
            throw new ConflictException("client_id", "client_id " + user.clientId() + " is taken");
        }
    }

    @Override
    public Optional<AgentUser> find(ClientId clientId) {
        return Optional.ofNullable(state.agentUsers.get(clientId));
    }

    @Override
    public Optional<AgentUser> findForUpdate(ClientId clientId) {
        return find(clientId);
    }

    @Override
    public void update(AgentUser user) {
        state.agentUsers.replace(user.clientId(), user);
    }

    @Override
    public boolean delete(ClientId clientId) {
        return state.agentUsers.remove(clientId) != null;
    }
}
