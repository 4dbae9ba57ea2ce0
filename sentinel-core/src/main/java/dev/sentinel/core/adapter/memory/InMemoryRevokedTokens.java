package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.port.out.RevokedTokens;
import java.time.Instant;

final class InMemoryRevokedTokens implements RevokedTokens {

    private final InMemoryState state;

    InMemoryRevokedTokens(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void revoke(String jti, Instant expiresAt) {
        state.revokedTokens.putIfAbsent(jti, expiresAt);
    }

    @Override
    public boolean isRevoked(String jti) {
        return state.revokedTokens.containsKey(jti);
    }

    @Override
    public int deleteExpiredBefore(Instant instant) {
        int before = state.revokedTokens.size();
        state.revokedTokens.values().removeIf(expiresAt -> expiresAt.isBefore(instant));
        return before - state.revokedTokens.size();
    }
}
