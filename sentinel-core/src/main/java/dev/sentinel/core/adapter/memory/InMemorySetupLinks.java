package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.SetupLink;
import dev.sentinel.core.port.out.SetupLinks;
import java.time.Instant;
import java.util.Optional;

final class InMemorySetupLinks implements SetupLinks {

    private final InMemoryState state;

    InMemorySetupLinks(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void add(SetupLink link) {
        state.setupLinks.put(link.hash(), link);
    }

    @Override
    public Optional<SetupLink> findForUpdate(String hash) {
        return Optional.ofNullable(state.setupLinks.get(hash));
    }

    @Override
    public void markUsed(String hash, Instant at) {
        state.setupLinks.computeIfPresent(hash, (ignored, link) -> new SetupLink(link.hash(), link.account(),
                link.createdAt(), link.expiresAt(), Optional.of(at)));
    }

    @Override
    public int deleteUnused(AccountId account) {
        int before = state.setupLinks.size();
        state.setupLinks.values().removeIf(link -> link.account().equals(Optional.of(account)) && link.usedAt().isEmpty());
        return before - state.setupLinks.size();
    }
}
