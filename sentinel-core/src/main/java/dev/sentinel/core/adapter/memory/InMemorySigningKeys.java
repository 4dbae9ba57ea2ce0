package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.SigningKeyRecord;
import dev.sentinel.core.port.out.SigningKeys;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

final class InMemorySigningKeys implements SigningKeys {

    private final InMemoryState state;

    InMemorySigningKeys(InMemoryState state) {
        this.state = state;
    }

    @Override
    public List<SigningKeyRecord> all() {
        return state.signingKeys.values().stream()
                .sorted(Comparator.comparing(SigningKeyRecord::createdAt).reversed())
                .toList();
    }

    @Override
    public void add(SigningKeyRecord key) {
        if (state.signingKeys.putIfAbsent(key.kid(), key) != null) {
            throw new ConflictException("kid", "signing key " + key.kid() + " exists");
        }
    }

    @Override
    public void retire(String kid, Instant at) {
        state.signingKeys.computeIfPresent(kid, (id, key) -> key.retiredAt().isPresent() ? key : key.retiredAt(at));
    }

    @Override
    public int deleteRetiredBefore(Instant cutoff) {
        int before = state.signingKeys.size();
        state.signingKeys.values().removeIf(key -> key.retiredAt().map(at -> at.isBefore(cutoff)).orElse(false));
        return before - state.signingKeys.size();
    }
}
