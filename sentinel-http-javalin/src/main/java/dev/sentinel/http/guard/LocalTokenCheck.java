package dev.sentinel.http.guard;

import dev.sentinel.core.domain.AllowedNetworks;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.sentinel.core.application.token.AccessTokenClaims;
import dev.sentinel.core.application.token.TokenLiveness;
import dev.sentinel.core.application.token.TokenService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The check in the process that holds Sentinel's store: signature, issuer, expiry and audience, and the pass's current
 * state as read at most the state TTL ago. A token once allowed is remembered until then (never past its expiry), so
 * a busy route costs a map lookup, not a signature check. Thread-safe.
 */
final class LocalTokenCheck implements TokenCheck {

    private final TokenService tokens;
    private final TokenLiveness liveness;
    private final Clock clock;
    private final Supplier<String> audience;
    private final Cache<String, Verified> verified;

    LocalTokenCheck(TokenService tokens, Clock clock, Supplier<String> audience, Duration stateTtl, long cacheSize) {
        this.tokens = tokens;
        this.liveness = tokens.liveness();
        this.clock = clock;
        this.audience = audience;
        this.verified = CacheBuilder.newBuilder().maximumSize(cacheSize).expireAfterWrite(stateTtl).build();
    }

    @Override
    public GuardDecision check(String token, Optional<String> clientAddress) {
        Instant now = clock.instant();
        Verified known = verified.getIfPresent(token);
        if (known == null || !now.isBefore(known.expiresAt)) {
            known = verify(token, now);
            if (known.decision.allowed()) {
                verified.put(token, known);
            }
        }
        GuardDecision decision = known.decision;
        if (decision.allowed() && !known.networks.permits(clientAddress)) {
            return GuardDecision.outsideNetworks(decision.passId().orElseThrow(), decision.clientId().orElse(null),
                    clientAddress.map(address -> address.length() > 64 ? address.substring(0, 64) : address)
                            .orElse("unknown"));
        }
        return decision;
    }

    private Verified verify(String token, Instant now) {
        Optional<AccessTokenClaims> claims = tokens.accessTokens().verify(token, now);
        if (claims.isEmpty()) {
            return Verified.refused(GuardDecision.unauthorized("invalid_token",
                    "the access token is malformed, expired or not signed by this issuer", Optional.empty()), now);
        }
        AccessTokenClaims token0 = claims.get();
        if (!token0.audiences().contains(audience.get())) {
            return Verified.refused(GuardDecision.unauthorized("invalid_token",
                    "the access token is for another audience", Optional.empty()), now);
        }
        TokenLiveness.Liveness liveness = this.liveness.check(token0, now);
        if (!liveness.live()) {
            return Verified.refused(GuardDecision.unauthorized("invalid_token", liveness.refusal().orElseThrow(),
                    liveness.passId()), now);
        }
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(token0.scope().split(" ")));
        scopes.remove("");
        return new Verified(GuardDecision.allow(liveness.passId().orElseThrow(), token0.clientId(), scopes),
                token0.expiresAt(), liveness.allowedNetworks());
    }

    /**
     * A checked token: the decision, how long it may be reused (never past the token's expiry), and the networks its
     * pass may be used from.
     */
    private record Verified(GuardDecision decision, Instant expiresAt, AllowedNetworks networks) {
        static Verified refused(GuardDecision decision, Instant now) {
            return new Verified(decision, now, AllowedNetworks.any());
        }
    }
}
