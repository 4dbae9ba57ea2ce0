package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.Membership;
import dev.sentinel.core.port.out.Memberships;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

final class InMemoryMemberships implements Memberships {

    private final InMemoryState state;

    InMemoryMemberships(InMemoryState state) {
        this.state = state;
    }

    static String key(ProjectId project, AccountId account) {
        return project.value() + '\u0000' + account.value();
    }

    @Override
    public void put(Membership membership) {
        String key = key(membership.project(), membership.account());
        Membership existing = state.memberships.get(key);
        state.memberships.put(key, existing == null ? membership
                : new Membership(existing.project(), existing.account(), membership.role(), existing.since()));
    }

    @Override
    public boolean remove(ProjectId project, AccountId account) {
        return state.memberships.remove(key(project, account)) != null;
    }

    @Override
    public Optional<Membership> find(ProjectId project, AccountId account) {
        return Optional.ofNullable(state.memberships.get(key(project, account)));
    }

    @Override
    public List<Membership> listByProject(ProjectId project) {
        return state.memberships.values().stream().filter(membership -> membership.project().equals(project))
                .sorted(Comparator.comparing(Membership::since).thenComparing(membership -> membership.account().value()))
                .toList();
    }

    @Override
    public List<Membership> listByAccount(AccountId account) {
        return state.memberships.values().stream().filter(membership -> membership.account().equals(account))
                .sorted(Comparator.comparing(membership -> membership.project().value())).toList();
    }
}
