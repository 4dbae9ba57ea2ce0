package dev.sentinel.core.application.access;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.base.Ticker;
import dev.sentinel.core.application.AdminTokens;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.PrefixedSecret;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.AccessKey;
import dev.sentinel.core.domain.access.AccessKeyId;
import dev.sentinel.core.domain.access.AccessKeyNotFoundException;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.in.CreateAccessKeyCommand;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.port.out.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Access keys for automation: create (the key shown once: {@value #PREFIX} in the {@link PrefixedSecret} form, 256
 * random bits and a checksum; stored as its SHA-256 hash, which suffices for 256 random bits and lets a presented key be
 * found by its hash), list, revoke, and verify a presented key into the {@link Principal} it acts as.
 *
 * <p>Verified keys are cached for at most {@value AdminTokens#REFRESH_SECONDS} seconds (the bound the admin token keeps),
 * so a key revoked on any node is refused on every node within that time, at once on the node that revoked it; a key
 * whose cached copy is due and cannot be re-read fails with the store's error rather than be trusted. When a key was
 * last used is kept in memory and written by {@link #flushLastUsed()} (the node does so every minute and when it
 * closes), never once per request. One instance per node; thread-safe.
 */
public final class AccessKeyService {

    /** The prefix of every access key (client secrets use {@code sps_}, the legacy admin token {@code sat_}). */
    public static final String PREFIX = "sak_";
    public static final String CREATE_ACTION = "access_key.create";
    public static final String REVOKE_ACTION = "access_key.revoke";
    private static final int CACHE_SIZE = 10_000;

    private final Storage storage;
    private final CredentialGenerator generator;
    private final Clock clock;
    private final Actor actor;
    private final Cache<String, AccessKey> verified;
    private final ConcurrentMap<AccessKeyId, Instant> unwrittenUses;

    public AccessKeyService(Storage storage, CredentialGenerator generator, Clock clock, Actor actor) {
        this(storage, generator, clock, actor, Ticker.systemTicker());
    }

    /** As the public constructor, with the cache's time read from {@code ticker} (tests move it). */
    AccessKeyService(Storage storage, CredentialGenerator generator, Clock clock, Actor actor, Ticker ticker) {
        this(storage, generator, clock, actor, CacheBuilder.newBuilder().maximumSize(CACHE_SIZE).ticker(ticker)
                .expireAfterWrite(Duration.ofSeconds(AdminTokens.REFRESH_SECONDS).toNanos(), TimeUnit.NANOSECONDS)
                .build(), new ConcurrentHashMap<>());
    }

    private AccessKeyService(Storage storage, CredentialGenerator generator, Clock clock, Actor actor,
                             Cache<String, AccessKey> verified, ConcurrentMap<AccessKeyId, Instant> unwrittenUses) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.verified = verified;
        this.unwrittenUses = unwrittenUses;
    }

    /** The same service (sharing its cache), recording {@code who} as the actor of changes. */
    public AccessKeyService as(Actor who) {
        return new AccessKeyService(storage, generator, clock, who, verified, unwrittenUses);
    }

    /**
     * Creates a key; every broken rule is named at once, and each project must exist (else a validation error on
     * {@code projects[i]}).
     */
    public CreatedAccessKey create(CreateAccessKeyCommand command) {
        Instant now = clock.instant();
        CreateAccessKeyCommand.Valid valid = command.validate(now);
        String secret = generator.newPrefixedSecret(PREFIX);
        AccessKey key = new AccessKey(new AccessKeyId(generator.randomId(AccessKeyId.PREFIX, AccessKeyId.RANDOM_LENGTH)),
                valid.name(), valid.role(), valid.projects(), hash(secret), now, actor.name(), valid.expiresAt(),
                Optional.empty());
        storage.inTransaction(session -> {
            dev.sentinel.core.domain.Violations missing = new dev.sentinel.core.domain.Violations();
            List<ProjectId> projects = List.copyOf(valid.projects());
            for (int i = 0; i < projects.size(); i++) {
                if (session.projects().findForUpdate(projects.get(i)).isEmpty()) {
                    missing.add(CreateAccessKeyCommand.PROJECTS_FIELD + "[" + i + "]", "no project named " + projects.get(i));
                }
            }
            missing.throwIfAny();
            session.accessKeys().add(key);
            session.audit().record(new AuditEntry(now, actor.name(), CREATE_ACTION, Optional.empty(), "id=" + key.id()
                    + " name=" + key.name() + " role=" + key.role().code() + " projects=" + key.projects()
                    + " expires_at=" + key.expiresAt().map(Instant::toString).orElse("never")));
            return null;
        });
        return new CreatedAccessKey(key, secret);
    }

    /** Every key, oldest first, with when it was last used as far as the store knows it. */
    public List<AccessKey> list() {
        return storage.read(session -> session.accessKeys().list());
    }

    /** Revokes (deletes) the key; refused on this node at once and on every node within the cache bound. */
    public void revoke(AccessKeyId id) {
        AccessKey revoked = storage.inTransaction(session -> {
            AccessKey key = session.accessKeys().find(id).orElseThrow(() -> new AccessKeyNotFoundException(id.value()));
            session.accessKeys().delete(id);
            session.audit().record(new AuditEntry(clock.instant(), actor.name(), REVOKE_ACTION, Optional.empty(),
                    "id=" + id + " name=" + key.name()));
            return key;
        });
        verified.invalidate(revoked.hash());
        unwrittenUses.remove(id);
    }

    /**
     * The principal a presented key acts as; empty for anything that is not a live key: malformed (checked without a
     * store lookup), unknown, revoked or expired.
     *
     * @throws dev.sentinel.core.domain.StorageException when the key must be re-read and the store cannot be reached
     */
    public Optional<Principal> verify(String presented) {
        if (!PrefixedSecret.isWellFormed(PREFIX, presented)) {
            return Optional.empty();
        }
        String hash = hash(presented);
        AccessKey key = verified.getIfPresent(hash);
        if (key == null) {
            key = storage.read(session -> session.accessKeys().findByHash(hash)).orElse(null);
            if (key == null) {
                return Optional.empty();
            }
            verified.put(hash, key);
        }
        Instant now = clock.instant();
        if (key.isExpiredAt(now)) {
            return Optional.empty();
        }
        unwrittenUses.merge(key.id(), now, (known, latest) -> latest.isAfter(known) ? latest : known);
        return Optional.of(Principal.key(key));
    }

    /** Writes when keys were last used (one transaction, keys in id order); returns how many keys it wrote. */
    public int flushLastUsed() {
        Map<AccessKeyId, Instant> batch = new TreeMap<>(java.util.Comparator.comparing(AccessKeyId::value));
        for (AccessKeyId id : List.copyOf(unwrittenUses.keySet())) {
            Instant at = unwrittenUses.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            storage.inTransaction(session -> {
                session.accessKeys().touch(batch);
                return null;
            });
        } catch (RuntimeException failed) {
            batch.forEach((id, at) -> unwrittenUses.merge(id, at, (known, retry) -> retry.isAfter(known) ? retry : known));
            throw failed;
        }
        return batch.size();
    }

    static String hash(String key) {
        return StoredSecretHash.of(key);
    }

    @Override
    public String toString() {
        return "AccessKeyService[cached=" + verified.size() + "]";
    }
}
