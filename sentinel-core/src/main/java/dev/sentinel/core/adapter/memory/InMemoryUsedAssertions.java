package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.UsedAssertions;
import java.time.Instant;

final class InMemoryUsedAssertions implements UsedAssertions {

    private final InMemoryState state;

    InMemoryUsedAssertions(InMemoryState state) {
        this.state = state;
    }

    @Override
    public boolean firstUse(String clientId, String jti, Instant expiresAt, Instant now) {
        String key = clientId + '\u0000' + jti;
        Instant recorded = state.usedAssertions.get(key);
        if (recorded != null && !recorded.isBefore(now)) {
            return false;
        }
        state.usedAssertions.put(key, expiresAt);
        return true;
    }

    @Override
    public int deleteExpiredBefore(Instant instant) {
        int before = state.usedAssertions.size();
        state.usedAssertions.values().removeIf(expiresAt -> expiresAt.isBefore(instant));
        return before - state.usedAssertions.size();
    }
}
