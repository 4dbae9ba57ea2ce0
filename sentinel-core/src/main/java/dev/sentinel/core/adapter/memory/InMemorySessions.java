package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.SignInSession;
import dev.sentinel.core.port.out.Sessions;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

final class InMemorySessions implements Sessions {

    private final InMemoryState state;

    InMemorySessions(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void add(SignInSession session) {
        boolean idTaken = state.sessions.values().stream().anyMatch(known -> known.id().equals(session.id()));
        if (idTaken || state.sessions.containsKey(session.secretHash())) {
            throw new ConflictException("id", "session " + session.id() + " exists");
        }
        state.sessions.put(session.secretHash(), session);
    }

    @Override
    public Optional<SignInSession> findBySecretHash(String secretHash) {
        return Optional.ofNullable(state.sessions.get(secretHash));
    }

    @Override
    public List<SignInSession> listByAccount(AccountId account) {
        return state.sessions.values().stream().filter(session -> session.account().equals(account))
                .sorted(Comparator.comparing(SignInSession::createdAt).thenComparing(SignInSession::id)).toList();
    }

    @Override
    public boolean update(SignInSession session) {
        return state.sessions.replace(session.secretHash(), session) != null;
    }

    @Override
    public boolean delete(String secretHash) {
        return state.sessions.remove(secretHash) != null;
    }

    @Override
    public boolean delete(AccountId account, String id) {
        return state.sessions.values().removeIf(session -> session.account().equals(account) && session.id().equals(id));
    }

    @Override
    public int deleteByAccount(AccountId account) {
        int before = state.sessions.size();
        state.sessions.values().removeIf(session -> session.account().equals(account));
        return before - state.sessions.size();
    }

    @Override
    public int deleteExpired(Instant idleBefore, Instant createdBefore) {
        int before = state.sessions.size();
        state.sessions.values().removeIf(session -> session.lastSeenAt().isBefore(idleBefore)
                || session.createdAt().isBefore(createdBefore));
        return before - state.sessions.size();
    }
}
