package dev.sentinel.core.application;

import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.ClientSecret;
import dev.sentinel.core.domain.Credential;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.domain.ValidityState;
import dev.sentinel.core.port.out.CredentialHasher;
import dev.sentinel.core.port.out.Storage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks client credentials: the client exists, the secret matches a credential that has not expired,
 * the pass is active, now lies inside its validity period, and the client's address is among the pass's allowed
 * networks. Thread-safe.
 */
public final class Authenticator {

    private final Storage storage;
    private final CredentialHasher hasher;

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
     * A malformed secret is refused before any store lookup. The secret is checked before the pass's state and its
     * allowed networks, so the precise reason is only known to someone who holds a valid secret.
     */
    public AuthenticationResult authenticate(String clientId, CharSequence presentedSecret, Optional<String> clientAddress,
                                             Instant now) {
        Objects.requireNonNull(clientAddress, "clientAddress");
        Optional<ClientSecret> secret = ClientSecret.parse(presentedSecret);
        if (secret.isEmpty()) {
            return AuthenticationResult.failure(AuthenticationFailure.MALFORMED_SECRET, Optional.empty());
        }
        if (!ClientId.isWellFormed(clientId)) {
            return AuthenticationResult.failure(AuthenticationFailure.UNKNOWN_CLIENT, Optional.empty());
        }
        ClientId id = new ClientId(clientId);
        Optional<SentinelPass> found = storage.read(session -> session.sentinelPass(id));
        if (found.isEmpty()) {
            return AuthenticationResult.failure(AuthenticationFailure.UNKNOWN_CLIENT, Optional.empty());
        }
        return check(found.get(), secret.get(), clientAddress, now);
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
        Pass pass = candidate.pass();
        AuthenticationFailure failure = switch (pass.state()) {
            case REVOKED -> AuthenticationFailure.PASS_REVOKED;
            case INACTIVE -> AuthenticationFailure.PASS_INACTIVE;
            case ACTIVE -> {
                ValidityState validity = pass.validity().stateAt(now);
                yield validity == ValidityState.NOT_YET_VALID ? AuthenticationFailure.PASS_NOT_YET_VALID
                        : validity == ValidityState.EXPIRED ? AuthenticationFailure.PASS_EXPIRED : null;
            }
        };
        if (failure != null) {
            return AuthenticationResult.failure(failure, Optional.of(candidate.passId()));
        }
        if (!pass.allowedNetworks().permits(clientAddress)) {
            return AuthenticationResult.failure(AuthenticationFailure.ADDRESS_NOT_ALLOWED, candidate.passId(),
                    "address " + clientAddress.map(Authenticator::shown).orElse("unknown") + " not in allowed_ips");
        }
        return AuthenticationResult.success(candidate, matched.get());
    }

    /** The address as recorded: at most 64 characters of it, since it may come from a forwarding header. */
    private static String shown(String address) {
        return address.length() > 64 ? address.substring(0, 64) : address;
    }
}
