package dev.sentinel.core.application.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.sentinel.core.application.AuthenticationFailure;
import dev.sentinel.core.application.AuthenticationResult;
import dev.sentinel.core.application.Authenticator;
import dev.sentinel.core.application.PassKeySets;
import dev.sentinel.core.application.token.TokenSettings;
import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassKeys;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.fetch.JwtRefusedException;
import dev.sentinel.core.fetch.KeySource;
import dev.sentinel.core.fetch.KeySources;
import dev.sentinel.core.fetch.KeysUnavailableException;
import dev.sentinel.core.fetch.SignedJwts;
import dev.sentinel.core.port.out.Storage;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a {@code private_key_jwt} client assertion (RFC 7523 §2.2 and §3, as draft-ietf-oauth-rfc7523bis tightens
 * them) against the keys of the pass it names: signed with an accepted algorithm by one of the pass's keys (never
 * {@code none} or HMAC), {@code iss} = {@code sub} = the client id, the issuer as the sole {@code aud} (the token
 * endpoint URL only with the pass's or the server's opt-in), an {@code exp} at most {@link #MAX_LIFETIME} plus
 * {@link #CLOCK_SKEW} ahead, no {@code nbf}/{@code iat} in the future beyond the skew, and a {@code jti} used once
 * (recorded in the store every node shares, until the assertion expires). Then the pass's state and networks, as for a
 * secret. Every refusal carries its precise reason for the pass's activity. Thread-safe.
 */
final class ClientAssertions {

    /** How far clocks of client and server may differ. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** How far ahead of now an assertion's {@code exp} may lie (plus the skew). */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    /** The longest {@code jti} remembered (the replay cache's column). */
    static final int MAX_JTI_LENGTH = 200;
    /** The longest assertion read at all. */
    static final int MAX_ASSERTION_LENGTH = 16 * 1024;
    private static final int SHOWN = 120;

    private final Storage storage;
    private final TokenSettings settings;
    private final Optional<KeySources> keySources;

    ClientAssertions(Storage storage, TokenSettings settings, Optional<KeySources> keySources) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keySources = Objects.requireNonNull(keySources, "keySources");
    }

    /**
     * The claims of {@code assertion} read without checking anything, to learn which client it claims to be (for the
     * throttle and to tell a federated assertion); empty when it is no JWT with a claims set.
     */
    static Optional<JWTClaimsSet> peek(String assertion) {
        if (assertion.length() > MAX_ASSERTION_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JWTParser.parse(assertion).getJWTClaimsSet());
        } catch (ParseException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Checks {@code assertion} of the client {@code clientId}, sent from {@code address} at {@code now}. */
    AuthenticationResult authenticate(String clientId, String assertion, Optional<String> address, Instant now) {
        Optional<SentinelPass> found = ClientId.isWellFormed(clientId)
                ? storage.read(session -> session.sentinelPass(new ClientId(clientId))) : Optional.empty();
        if (found.isEmpty()) {
            return AuthenticationResult.failure(AuthenticationFailure.UNKNOWN_CLIENT, Optional.empty());
        }
        SentinelPass pass = found.get();
        PassId passId = pass.passId();
        if (!pass.pass().credentialType().usesKeys()) {
            return AuthenticationResult.failure(AuthenticationFailure.ASSERTION_NOT_ACCEPTED, Optional.of(passId));
        }
        if (peek(assertion).isEmpty()) {
            return AuthenticationResult.failure(AuthenticationFailure.ASSERTION_MALFORMED, Optional.of(passId));
        }
        JWTClaimsSet claims;
        try {
            claims = SignedJwts.verify(assertion, keys(pass.pass().keys()), SignedJwts.CLIENT_ASSERTION_ALGORITHMS);
        } catch (JwtRefusedException refused) {
            return AuthenticationResult.failure(failure(refused.reason()), passId, refused.getMessage());
        }
        Optional<AuthenticationResult> refusal = claimsRefusal(pass, claims, now);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        AuthenticationResult admitted = Authenticator.admit(pass, pass.agent().credentials().current(), address, now);
        if (!admitted.isSuccess()) {
            return admitted;
        }
        String jti = claims.getJWTID();
        Instant remembered = claims.getExpirationTime().toInstant().plus(CLOCK_SKEW);
        boolean first = storage.inTransaction(session -> session.usedAssertions().firstUse(clientId, jti, remembered,
                now));
        if (!first) {
            return AuthenticationResult.failure(AuthenticationFailure.REPLAYED_JTI, passId, "jti " + shown(jti)
                    + " was used before; sign a new assertion with a fresh jti for every request");
        }
        return admitted;
    }

    private KeySource keys(PassKeys keys) {
        if (keys.jwksUri().isPresent()) {
            return keySources.map(sources -> sources.jwksUri(keys.jwksUri().get()))
                    .orElse(kid -> {
                        throw new KeysUnavailableException("this Sentinel has no key fetcher, so keys from a jwks_uri "
                                + "cannot be had; run a node or give the pass inline jwks");
                    });
        }
        return KeySource.fixed(PassKeySets.inline(keys));
    }

    private Optional<AuthenticationResult> claimsRefusal(SentinelPass pass, JWTClaimsSet claims, Instant now) {
        PassId passId = pass.passId();
        String clientId = pass.clientId().value();
        if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
            return refused(AuthenticationFailure.WRONG_ISSUER, passId, "iss=" + shown(claims.getIssuer()) + " sub="
                    + shown(claims.getSubject()) + "; both must be the client id " + clientId);
        }
        Optional<String> audience = audienceProblem(pass, claims.getAudience());
        if (audience.isPresent()) {
            return refused(AuthenticationFailure.WRONG_AUDIENCE, passId, audience.get());
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return refused(AuthenticationFailure.ASSERTION_LIFETIME, passId, "the assertion has no exp");
        }
        if (!exp.toInstant().plus(CLOCK_SKEW).isAfter(now)) {
            return refused(AuthenticationFailure.ASSERTION_EXPIRED, passId, "exp " + exp.toInstant() + " has passed "
                    + "(now " + now + ", clock skew " + CLOCK_SKEW.toSeconds() + " s)");
        }
        if (exp.toInstant().isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
            return refused(AuthenticationFailure.ASSERTION_LIFETIME, passId, "exp " + exp.toInstant() + " is more "
                    + "than " + MAX_LIFETIME.toMinutes() + " minutes (plus " + CLOCK_SKEW.toSeconds() + " s skew) "
                    + "ahead of " + now);
        }
        for (Date start : new Date[] {claims.getNotBeforeTime(), claims.getIssueTime()}) {
            if (start != null && start.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
                return refused(AuthenticationFailure.ASSERTION_NOT_YET_VALID, passId, (start == claims.getNotBeforeTime()
                        ? "nbf " : "iat ") + start.toInstant() + " is in the future (now " + now + ")");
            }
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            return refused(AuthenticationFailure.MISSING_JTI, passId, "the assertion has no jti");
        }
        if (jti.length() > MAX_JTI_LENGTH) {
            return refused(AuthenticationFailure.MISSING_JTI, passId, "the jti is longer than " + MAX_JTI_LENGTH
                    + " characters");
        }
        return Optional.empty();
    }

    /** What is wrong with {@code audiences}: the issuer alone, or the token endpoint URL alone with an opt-in. */
    private Optional<String> audienceProblem(SentinelPass pass, List<String> audiences) {
        String issuer = settings.issuer();
        String tokenEndpoint = settings.tokenEndpoint();
        boolean endpointAccepted = settings.acceptTokenEndpointAudience()
                || pass.pass().keys().acceptTokenEndpointAudience();
        if (audiences.size() == 1 && audiences.get(0).equals(issuer)) {
            return Optional.empty();
        }
        if (audiences.size() == 1 && audiences.get(0).equals(tokenEndpoint)) {
            return endpointAccepted ? Optional.empty() : Optional.of("aud is the token endpoint URL " + tokenEndpoint
                    + ", accepted only with accept_token_endpoint_audience (on the pass or the server); the "
                    + "audience of a client assertion is the issuer " + issuer);
        }
        if (audiences.size() > 1) {
            return Optional.of("aud names " + audiences.size() + " audiences; a client assertion's sole audience is "
                    + "the issuer " + issuer);
        }
        return Optional.of("aud=" + (audiences.isEmpty() ? "-" : shown(audiences.get(0))) + "; expected the issuer "
                + issuer);
    }

    private static Optional<AuthenticationResult> refused(AuthenticationFailure failure, PassId passId, String detail) {
        return Optional.of(AuthenticationResult.failure(failure, passId, detail));
    }

    private static AuthenticationFailure failure(JwtRefusedException.Reason reason) {
        return switch (reason) {
            case MALFORMED -> AuthenticationFailure.ASSERTION_MALFORMED;
            case ALG_NOT_ALLOWED -> AuthenticationFailure.ALG_NOT_ALLOWED;
            case UNKNOWN_KID -> AuthenticationFailure.UNKNOWN_KID;
            case BAD_SIGNATURE -> AuthenticationFailure.BAD_SIGNATURE;
            case KEYS_UNAVAILABLE -> AuthenticationFailure.KEYS_UNAVAILABLE;
        };
    }

    /** A value from the assertion as recorded: at most {@value #SHOWN} characters, since anyone can send it. */
    private static String shown(String value) {
        if (value == null) {
            return "-";
        }
        return value.length() > SHOWN ? value.substring(0, SHOWN) + "…" : value;
    }
}
