package dev.sentinel.core;

import dev.sentinel.core.credential.CredentialGenerator;
import dev.sentinel.core.credential.CredentialHashers;
import dev.sentinel.core.memory.InMemoryStorage;
import dev.sentinel.core.port.CredentialHasher;
import dev.sentinel.core.port.Storage;
import dev.sentinel.core.service.Actor;
import dev.sentinel.core.service.AuthenticationResult;
import dev.sentinel.core.service.Authenticator;
import dev.sentinel.core.service.PassService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * The embeddable entry point: Sentinel Passes for AI agents and automation, on the storage you choose.
 *
 * <pre>{@code
 * Sentinel sentinel = Sentinel.builder().build();              // in memory
 * CreatedPass created = sentinel.passes().create(CreatePassCommand.builder("demo")
 *         .agentName("My Security Agent").agentType("Sourcing Agent").build());
 * AuthenticationResult result = sentinel.authenticate(created.credentials().clientId().value(),
 *         created.credentials().clientSecret().reveal());
 * }</pre>
 *
 * <p>Every port can be replaced through the {@link Builder}: storage (in memory by default), credential hasher
 * (SHA-256 by default), clock (UTC system clock) and random source. Instances are immutable and thread-safe.
 */
public final class Sentinel {

    private final Storage storage;
    private final CredentialHasher hasher;
    private final Clock clock;
    private final PassService passes;
    private final Authenticator authenticator;

    private Sentinel(Builder builder) {
        this.storage = builder.storage;
        this.hasher = builder.hasher;
        this.clock = builder.clock;
        this.passes = new PassService(storage, hasher, new CredentialGenerator(builder.random), clock, Actor.LIBRARY);
        this.authenticator = new Authenticator(storage, hasher);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The pass lifecycle use cases, acting as {@link Actor#LIBRARY}; use {@link PassService#as(Actor)} to name another. */
    public PassService passes() {
        return passes;
    }

    /** Authenticates client credentials now; see {@link Authenticator#authenticate}. */
    public AuthenticationResult authenticate(String clientId, CharSequence clientSecret) {
        return authenticator.authenticate(clientId, clientSecret, clock.instant());
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public Storage storage() {
        return storage;
    }

    public CredentialHasher hasher() {
        return hasher;
    }

    public Clock clock() {
        return clock;
    }

    /** Chooses the ports; every one has a default. Not thread-safe. */
    public static final class Builder {
        private Storage storage = new InMemoryStorage();
        private CredentialHasher hasher = CredentialHashers.named("sha256");
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();

        private Builder() {
        }

        public Builder storage(Storage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        public Builder hasher(CredentialHasher value) {
            this.hasher = Objects.requireNonNull(value, "hasher");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder random(SecureRandom value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        public Sentinel build() {
            return new Sentinel(this);
        }
    }
}
