package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.domain.access.SsoIdentity;
import dev.sentinel.core.port.out.Accounts;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class InMemoryAccounts implements Accounts {

    private final InMemoryState state;

    InMemoryAccounts(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void add(Account account) {
        if (findByEmail(account.email()).isPresent()) {
            throw new ConflictException("email", "an account with email " + account.email() + " exists");
        }
        if (state.accounts.putIfAbsent(account.id(), account) != null) {
            throw new ConflictException("account_id", "account id " + account.id() + " is taken");
        }
    }

    @Override
    public Optional<Account> find(AccountId id) {
        return Optional.ofNullable(state.accounts.get(id));
    }

    @Override
    public Optional<Account> findForUpdate(AccountId id) {
        return find(id);
    }

    @Override
    public Optional<Account> findByEmail(Email email) {
        return state.accounts.values().stream().filter(account -> account.email().equals(email)).findFirst();
    }

    @Override
    public List<Account> list() {
        return state.accounts.values().stream().sorted(Comparator.comparing(account -> account.email().value())).toList();
    }

    @Override
    public void update(Account account) {
        Account existing = state.accounts.get(account.id());
        if (existing != null) {
            state.accounts.put(account.id(), new Account(existing.id(), existing.email(), account.displayName(),
                    account.passwordHash(), account.owner(), account.totp(), existing.createdAt(), account.disabledAt()));
        }
    }

    @Override
    public boolean delete(AccountId id) {
        state.memberships.values().removeIf(membership -> membership.account().equals(id));
        state.recoveryCodes.remove(id);
        state.identities.values().removeIf(identity -> identity.account().equals(id));
        state.sessions.values().removeIf(session -> session.account().equals(id));
        return state.accounts.remove(id) != null;
    }

    @Override
    public void replaceRecoveryCodes(AccountId id, List<String> hashes, Instant at) {
        Map<String, Instant> codes = new LinkedHashMap<>();
        hashes.forEach(hash -> codes.put(hash, null));
        state.recoveryCodes.put(id, codes);
    }

    @Override
    public boolean useRecoveryCode(AccountId id, String hash, Instant at) {
        Map<String, Instant> codes = state.recoveryCodes.get(id);
        if (codes == null || !codes.containsKey(hash) || codes.get(hash) != null) {
            return false;
        }
        codes.put(hash, at);
        return true;
    }

    @Override
    public int unusedRecoveryCodes(AccountId id) {
        Map<String, Instant> codes = state.recoveryCodes.getOrDefault(id, Map.of());
        return (int) codes.values().stream().filter(java.util.Objects::isNull).count();
    }

    @Override
    public void link(SsoIdentity identity) {
        String key = identity.issuer() + '\u0000' + identity.subject();
        if (state.identities.putIfAbsent(key, identity) != null) {
            throw new ConflictException("sub", "this provider subject is linked to an account already");
        }
    }

    @Override
    public Optional<SsoIdentity> findIdentity(String issuer, String subject) {
        return Optional.ofNullable(state.identities.get(issuer + '\u0000' + subject));
    }

    @Override
    public List<SsoIdentity> identities(AccountId id) {
        return state.identities.values().stream().filter(identity -> identity.account().equals(id)).toList();
    }
}
