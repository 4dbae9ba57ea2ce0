package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.access.AccessKey;
import dev.sentinel.core.domain.access.AccessKeyId;
import dev.sentinel.core.port.out.AccessKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class InMemoryAccessKeys implements AccessKeys {

    private final InMemoryState state;

    InMemoryAccessKeys(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void add(AccessKey key) {
        if (findByHash(key.hash()).isPresent() || state.accessKeys.containsKey(key.id())) {
            throw new ConflictException("id", "access key " + key.id() + " exists");
        }
        state.accessKeys.put(key.id(), key);
    }

    @Override
    public Optional<AccessKey> find(AccessKeyId id) {
        return Optional.ofNullable(state.accessKeys.get(id));
    }

    @Override
    public Optional<AccessKey> findByHash(String hash) {
        return state.accessKeys.values().stream().filter(key -> key.hash().equals(hash)).findFirst()
                ;
    }

    @Override
    public List<AccessKey> list() {
        return state.accessKeys.values().stream().toList();
    }

    @Override
    public boolean delete(AccessKeyId id) {
        return state.accessKeys.remove(id) != null;
    }

    @Override
    public void touch(Map<AccessKeyId, Instant> lastUsed) {
        lastUsed.forEach((id, at) -> state.accessKeys.computeIfPresent(id, (ignored, key) ->
                key.lastUsedAt().filter(known -> !known.isBefore(at)).isPresent() ? key : key.withLastUsedAt(at)));
    }
}
