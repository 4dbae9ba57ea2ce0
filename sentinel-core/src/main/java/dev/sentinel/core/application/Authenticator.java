package dev.sentinel.core.application;

import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.ClientSecret;
import dev.sentinel.core.domain.Credential;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.port.out.CredentialHasher;
import dev.sentinel.core.port.out.Storage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks client credentials: the client exists, the secret matches a credential that has not expired,
 * the pass is active, now lies inside its validity period, and the client's address is among the pass's allowed
 * networks. Thread-safe.
 *
 * <p>An unknown client id costs the same work as a known one: a failure of either reads one found row and one empty
 * one from the store and makes one hash check (against a dummy hash made with the configured hasher for an unknown
 * id), so the answer time does not tell which client ids exist.
 */
public final class Authenticator {

    private final Storage storage;
    private final CredentialHasher hasher;
    private volatile String dummyHash;
    /** A well-formed client id that names no pass (generated ids are random; this one is all zeros). */
    private static final ClientId NOBODY = new ClientId("spc_000000000000000000000000");
    /** The client id of the pass a lookup found last; what an unknown client id's failure reads as well. */
    private volatile ClientId decoy;

    public Authenticator(Storage storage, CredentialHasher hasher) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /**
     * Authenticates a client whose address is unknown at {@code now}: a pass bound to networks
     * ({@code allowed_ips}) refuses it. See {@link #authenticate(String, CharSequence, Optional, Instant)}.
     */
    public AuthenticationResult authenticate(String clientId, CharSequence presentedSecret, Instant now) {
        return authenticate(clientId, presentedSecret, Optional.empty(), now);
    }

    /**
     * Authenticates the client at {@code clientAddress} (an IP address literal; empty when unknown) at {@code now}.
     * The secret is checked before the pass's state and its allowed networks, so the precise reason is only known
     * to someone who holds a valid secret. A malformed secret for a known client id is still a failure of that pass
     * (found by a lookup, with no hash check), so the cheapest guessing leaves a trace too.
     */
    public AuthenticationResult authenticate(String clientId, CharSequence presentedSecret, Optional<String> clientAddress,
                                             Instant now) {
        Objects.requireNonNull(clientAddress, "clientAddress");
        Optional<ClientSecret> secret = ClientSecret.parse(presentedSecret);
        boolean wellFormed = ClientId.isWellFormed(clientId);
        Optional<SentinelPass> found = wellFormed ? lookUp(new ClientId(clientId)) : Optional.empty();
        if (found.isPresent() && !found.get().clientId().equals(decoy)) {
            decoy = found.get().clientId();
        }
        AuthenticationResult result;
        if (secret.isEmpty()) {
            result = AuthenticationResult.failure(AuthenticationFailure.MALFORMED_SECRET, found.map(SentinelPass::passId));
        } else if (found.isEmpty()) {
            hasher.verify(secret.get(), dummyHash()); // the same work as a known client id with one credential
            result = AuthenticationResult.failure(AuthenticationFailure.UNKNOWN_CLIENT, Optional.empty());
        } else if (found.get().pass().credentialType().usesKeys()) {
            hasher.verify(secret.get(), dummyHash()); // a key pass accepts no secret at all, with the same work
            result = AuthenticationResult.failure(AuthenticationFailure.SECRET_NOT_ACCEPTED,
                    Optional.of(found.get().passId()));
        } else {
            result = check(found.get(), secret.get(), clientAddress, now);
        }
        if (!result.isSuccess() && wellFormed) {
            evenOut(found.isPresent());
        }
        return result;
    }

    /**
     * After a failure, the store read the other kind of client id would have cost: a known one reads a client id
     * nobody holds, an unknown one reads the pass found last (a row to map, as a known one had). So every failure of
     * a well-formed client id costs one found row and one empty read, and the time of the answer does not tell which
     * it was (the mapping of the found row alone made known ids 13–20 µs slower at the median). Successes read once.
     */
    private void evenOut(boolean known) {
        ClientId other = known ? NOBODY : Objects.requireNonNullElse(decoy, NOBODY);
        lookUp(other);
    }

    private Optional<SentinelPass> lookUp(ClientId clientId) {
        return storage.read(session -> session.sentinelPass(clientId));
    }

    /** A hash of a random secret nobody knows, made once with the configured hasher. */
    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = hasher.hash(CredentialGenerator.create().newSecret());
            dummyHash = hash;
        }
        return hash;
    }

    /**
     * Whether the pass found for a proven client may be used now from {@code clientAddress}: its state, validity and
     * allowed networks, after its credential (secret or assertion) was proven.
     */
    public static AuthenticationResult admit(SentinelPass candidate, Credential proven, Optional<String> clientAddress,
                                             Instant now) {
        Pass pass = candidate.pass();
        Optional<AuthenticationFailure> failure = pass.refusalAt(now).map(AuthenticationFailure::of);
        if (failure.isPresent()) {
            return AuthenticationResult.failure(failure.get(), Optional.of(candidate.passId()));
        }
        if (!pass.allowedNetworks().permits(clientAddress)) {
            return AuthenticationResult.failure(AuthenticationFailure.ADDRESS_NOT_ALLOWED, candidate.passId(),
                    "address " + clientAddress.map(Authenticator::shown).orElse("unknown") + " not in allowed_ips");
        }
        return AuthenticationResult.success(candidate, proven);
    }

    private AuthenticationResult check(SentinelPass candidate, ClientSecret secret, Optional<String> clientAddress,
                                       Instant now) {
        Optional<Credential> matched = Optional.empty();
        boolean matchedExpired = false;
        for (Credential credential : candidate.agent().credentials().credentials()) {
            if (hasher.verify(secret, credential.hash())) {
                if (credential.usableAt(now)) {
                    matched = Optional.of(credential);
                    break;
                }
                matchedExpired = true;
            }
        }
        if (matched.isEmpty()) {
            return AuthenticationResult.failure(matchedExpired ? AuthenticationFailure.SECRET_EXPIRED
                    : AuthenticationFailure.SECRET_MISMATCH, Optional.of(candidate.passId()));
        }
        return admit(candidate, matched.get(), clientAddress, now);
    }

    /** The address as recorded: at most 64 characters of it, since it may come from a forwarding header. */
    private static String shown(String address) {
        return address.length() > 64 ? address.substring(0, 64) : address;
    }
}
