package dev.sentinel.core.application.token;

import dev.sentinel.core.domain.PassId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The check a guard in Sentinel's own process makes on a bearer token: signature, issuer, expiry and audience, the
 * pass's current state as read at most a state TTL ago, and the request's address among the pass's allowed networks.
 * The verified token and the pass state last found live share {@link AccessTokens}' one cache, so a busy route costs a
 * map lookup, not a signature check or a read. Thread-safe.
 */
public final class TokenChecks {

    /** What the caller is told about a token that is malformed, expired or another issuer's. */
    public static final String NOT_VERIFIED = "the access token is malformed, expired or not signed by this issuer";
    /** What the caller is told about a genuine token for another audience. */
    public static final String OTHER_AUDIENCE = "the access token is for another audience";
    /** What the caller is told about a genuine token used from outside its pass's allowed networks. */
    public static final String OUTSIDE_NETWORKS = "the pass may not be used from this network address";

    /**
     * The outcome: allowed with the token's pass, client and scopes; or refused with what the caller is told
     * ({@code description}), what the activity record says ({@code reason}) and, when the token was genuine, its pass.
     */
    public record Result(boolean allowed, Optional<PassId> passId, Optional<String> clientId, Set<String> scopes,
                         Optional<String> description, Optional<String> reason) {

        public Result {
            Objects.requireNonNull(passId, "passId");
            Objects.requireNonNull(clientId, "clientId");
            scopes = Set.copyOf(scopes);
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(reason, "reason");
        }

        static Result allow(PassId passId, String clientId, Set<String> scopes) {
            return new Result(true, Optional.of(passId), Optional.of(clientId), scopes, Optional.empty(), Optional.empty());
        }

        static Result refuse(String description, String reason, Optional<PassId> passId, Optional<String> clientId) {
            return new Result(false, passId, clientId, Set.of(), Optional.of(description), Optional.of(reason));
        }
    }

    private final AccessTokens tokens;
    private final TokenLiveness liveness;
    private final Clock clock;

    public TokenChecks(AccessTokens tokens, TokenLiveness liveness, Clock clock) {
        this.tokens = tokens;
        this.liveness = liveness;
        this.clock = clock;
    }

    /**
     * Checks {@code token} for an API whose tokens carry {@code audience}, used by a client at {@code clientAddress}
     * (empty when unknown: a pass bound to networks is then refused), reusing the pass state read less than
     * {@code stateTtl} ago.
     */
    public Result check(String token, String audience, Optional<String> clientAddress, Duration stateTtl) {
        Instant now = clock.instant();
        Optional<AccessTokens.Verified> verified = tokens.verified(token, now);
        if (verified.isEmpty()) {
            return Result.refuse(NOT_VERIFIED, NOT_VERIFIED, Optional.empty(), Optional.empty());
        }
        AccessTokenClaims claims = verified.get().claims();
        if (!claims.audiences().contains(audience)) {
            return Result.refuse(OTHER_AUDIENCE, OTHER_AUDIENCE, Optional.empty(), Optional.empty());
        }
        TokenLiveness.Liveness live = verified.get().liveSince(now.minus(stateTtl)).orElse(null);
        if (live == null) {
            live = liveness.check(claims, now);
            if (!live.live()) {
                String refusal = live.refusal().orElseThrow();
                return Result.refuse(refusal, refusal, live.passId(), Optional.empty());
            }
            verified.get().live(live, now);
        }
        PassId passId = live.passId().orElseThrow();
        if (!live.allowedNetworks().permits(clientAddress)) {
            return Result.refuse(OUTSIDE_NETWORKS, "address_not_allowed: address " + clientAddress
                    .map(TokenChecks::shown).orElse("unknown") + " not in allowed_ips", Optional.of(passId),
                    Optional.of(claims.clientId()));
        }
        return Result.allow(passId, claims.clientId(), new LinkedHashSet<>(claims.scopes()));
    }

    /** The address as recorded: at most 64 characters of it, since it may come from a forwarding header. */
    private static String shown(String address) {
        return address.length() > 64 ? address.substring(0, 64) : address;
    }

    @Override
    public String toString() {
        return "TokenChecks[" + tokens + "]";
    }
}
