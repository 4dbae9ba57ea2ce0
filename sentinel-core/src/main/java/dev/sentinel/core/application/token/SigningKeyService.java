package dev.sentinel.core.application.token;

import dev.sentinel.core.jose.JoseKeys;
import dev.sentinel.core.jose.KeyAlgorithm;
import dev.sentinel.core.jose.VerificationKey;
import dev.sentinel.core.jose.SigningKey;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.SigningKeyRecord;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Token-signing keys kept through the core {@code SigningKeys} port, so that every node signs with, and publishes,
 * the same keys. A key is made on first start; its {@code kid} is its RFC 7638 JWK thumbprint; its private key is
 * stored encrypted with AES-256-GCM under the configured key-encryption key. {@link #rotate()} makes a new key and
 * retires the old ones: a retired key signs nothing more but stays in the JWKS until every token it signed has
 * expired, then it is deleted. Nodes re-read the keys every {@value #REFRESH_SECONDS} seconds, and at once when they
 * meet an unknown {@code kid}. Thread-safe.
 *
 * <p>The algorithm of new keys is the configured one; without one, it follows the store's current key, and a store
 * without keys starts with {@link #DEFAULT_ALGORITHM}. So a store whose keys are EdDSA keeps EdDSA until an operator
 * chooses otherwise. A configured algorithm that differs from the current key's makes a new key on {@link #start()};
 * the old key stays published until its tokens have expired.
 *
 * <p>The CLI's {@code sentinel keys rotate} can use this class without a running server.
 */
public final class SigningKeyService {

    /** How often a node re-reads the shared keys. */
    public static final int REFRESH_SECONDS = 30;
    /** The audit action of a rotation. */
    public static final String ROTATE_ACTION = "signing_key.rotate";
    /** Who rotates when the server does (a start with a newly configured algorithm). */
    private static final Actor SERVER = new Actor(dev.sentinel.core.port.in.Principal.SERVER_NAME);
    /** The algorithm of the first key of a store when none is configured: what stock Java resource servers verify. */
    public static final KeyAlgorithm DEFAULT_ALGORITHM = KeyAlgorithm.ES256;
    /** Extra time a retired key stays published, for clock skew between nodes and verifiers' caches. */
    public static final Duration PUBLISH_MARGIN = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(SigningKeyService.class.getName());
    /** After a failed refresh, the next try comes this much sooner than a regular refresh. */
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    private final Storage storage;
    private final Clock clock;
    private final Optional<KeyAlgorithm> configured;
    private final KeyEncryption encryption;
    private final Duration tokenLifetime;
    private final Map<String, SigningKey> decrypted = new ConcurrentHashMap<>();
    /** Kids whose record proved genuine: the kid is the JWK's thumbprint and the private key opens under the KEK. */
    private final Map<String, Boolean> genuine = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final LongSupplier nanoTime;
    private volatile KeyRing ring;
    private volatile long loadedAtNanos;
    private volatile long lastForcedReloadNanos;

    /**
     * @param algorithm        {@code ES256}, {@code EdDSA} or {@code RS256}: the algorithm new keys use; empty to
     *                         follow the store's current key ({@link #DEFAULT_ALGORITHM} for a store without keys)
     * @param keyEncryptionKey 32 bytes that encrypt private keys at rest; keep them out of the database
     * @param tokenLifetime    the longest access-token lifetime, i.e. how long a retired key stays published
     */
    public SigningKeyService(Storage storage, Clock clock, Optional<String> algorithm, byte[] keyEncryptionKey,
                             Duration tokenLifetime) {
        this(storage, clock, algorithm, keyEncryptionKey, tokenLifetime, System::nanoTime);
    }

    /** As {@link #SigningKeyService(Storage, Clock, Optional, byte[], Duration)} with a configured algorithm. */
    public SigningKeyService(Storage storage, Clock clock, String algorithm, byte[] keyEncryptionKey, Duration tokenLifetime) {
        this(storage, clock, Optional.of(algorithm), keyEncryptionKey, tokenLifetime, System::nanoTime);
    }

    /** As the public constructor, with the monotonic time that decides when keys are re-read (tests move it). */
    SigningKeyService(Storage storage, Clock clock, Optional<String> algorithm, byte[] keyEncryptionKey,
                      Duration tokenLifetime, LongSupplier nanoTime) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.configured = algorithm.map(KeyAlgorithm::parse);
        this.encryption = new KeyEncryption(keyEncryptionKey, new SecureRandom());
        this.tokenLifetime = Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * Makes sure a key signs: one of the configured algorithm when one is configured, else any current key, creating
     * one when there is none; returns the key ring.
     */
    public KeyRing start() {
        storage.inTransaction(session -> {
            List<SigningKeyRecord> active = session.signingKeys().all().stream()
                    .filter(key -> key.retiredAt().isEmpty()).toList();
            boolean fits = configured.map(wanted -> active.stream()
                    .anyMatch(key -> key.algorithm().equals(wanted.joseName()))).orElse(!active.isEmpty());
            if (!fits) {
                replaceActiveKey(session, SERVER);
            }
            return null;
        });
        return reload();
    }

    /**
     * Makes a new signing key and retires the others (they stay published until their tokens expire); returns its kid.
     * The new key has the configured algorithm, or else the current key's. Audited as done by the library; name the
     * actor with {@link #rotate(Actor)}.
     */
    public String rotate() {
        return rotate(Actor.LIBRARY);
    }

    /**
     * As {@link #rotate()}, with the audit entry ({@value #ROTATE_ACTION}, the new kid and algorithm, the kids retired)
     * naming {@code who}: {@code cli:<OS user>}, an account, an access key.
     */
    public String rotate(Actor who) {
        String kid = storage.inTransaction(session -> replaceActiveKey(session, who));
        reload();
        return kid;
    }

    /** The algorithm configured for new keys; empty when they follow the store's current key. */
    public Optional<KeyAlgorithm> configuredAlgorithm() {
        return configured;
    }

    /** What signs tokens in this process: the native provider, or BouncyCastle and the JDK where it cannot load. */
    public static String signingProvider() {
        return JoseKeys.signingProvider();
    }

    /**
     * The current key ring, re-read from the store when older than {@value #REFRESH_SECONDS} seconds. One thread
     * re-reads while the others keep using the ring they have (single flight); if the store fails, the cached keys
     * keep serving (logged) and the refresh is tried again a few seconds later.
     */
    public KeyRing current() {
        KeyRing snapshot = ring;
        if (snapshot == null) {
            return firstLoad();
        }
        if (nanoTime.getAsLong() - loadedAtNanos > Duration.ofSeconds(REFRESH_SECONDS).toNanos()) {
            return refresh(snapshot);
        }
        return snapshot;
    }

    /**
     * Finds a verification key, re-reading the store (at most once a second, single flight) when the kid is unknown.
     */
    public Optional<VerificationKey> verificationKey(String kid) {
        KeyRing snapshot = current();
        Optional<VerificationKey> known = snapshot.verificationKey(kid);
        long now = nanoTime.getAsLong();
        if (known.isPresent() || now - lastForcedReloadNanos < 1_000_000_000L) {
            return known;
        }
        lastForcedReloadNanos = now;
        return refresh(snapshot).verificationKey(kid);
    }

    /** Whether {@code kid} is still published in the current ring: a retired and deleted key is not. */
    public boolean isPublished(String kid) {
        return current().verificationKey(kid).isPresent();
    }

    private synchronized KeyRing firstLoad() {
        KeyRing snapshot = ring;
        return snapshot != null ? snapshot : reload();
    }

    private KeyRing refresh(KeyRing snapshot) {
        if (!refreshing.compareAndSet(false, true)) {
            return snapshot;
        }
        try {
            return reload();
        } catch (RuntimeException storeFailed) {
            LOG.log(Level.WARNING, "cannot re-read the signing keys; the cached keys keep serving: " + storeFailed.getMessage());
            loadedAtNanos = nanoTime.getAsLong() - Duration.ofSeconds(REFRESH_SECONDS).minus(RETRY_AFTER_FAILURE).toNanos();
            return snapshot;
        } finally {
            refreshing.set(false);
        }
    }

    private String replaceActiveKey(StorageSession session, Actor who) {
        Instant now = clock.instant();
        List<SigningKeyRecord> existing = session.signingKeys().all();
        KeyAlgorithm algorithm = configured.orElseGet(() -> existing.stream()
                .filter(key -> key.retiredAt().isEmpty())
                .map(key -> KeyAlgorithm.parse(key.algorithm()))
                .findFirst().orElse(DEFAULT_ALGORITHM));
        List<String> retired = new ArrayList<>();
        for (SigningKeyRecord key : existing) {
            if (key.retiredAt().isEmpty()) {
                session.signingKeys().retire(key.kid(), now);
                retired.add(key.kid());
            }
        }
        session.signingKeys().deleteRetiredBefore(now.minus(tokenLifetime).minus(PUBLISH_MARGIN));
        SigningKeyRecord created = newKey(algorithm, now);
        session.signingKeys().add(created);
        if (!retired.isEmpty()) {
            // the first key of a new store replaces nothing: only a rotation is an event worth an entry
            session.audit().record(new AuditEntry(now, who.name(), ROTATE_ACTION, Optional.empty(), "kid="
                    + created.kid() + " algorithm=" + algorithm.joseName() + " retired=" + String.join(",", retired)));
        }
        return created.kid();
    }

    private SigningKeyRecord newKey(KeyAlgorithm algorithm, Instant now) {
        JoseKeys.GeneratedKey generated = JoseKeys.generate(algorithm);
        try {
            String encrypted = encryption.encrypt(generated.kid(), generated.privateKey());
            return new SigningKeyRecord(generated.kid(), algorithm.joseName(), generated.publicJwk(), encrypted, now,
                    Optional.empty());
        } finally {
            JoseKeys.wipe(generated.privateKey());
        }
    }

    private synchronized KeyRing reload() {
        List<SigningKeyRecord> records = storage.read(session -> session.signingKeys().all());
        Instant cutoff = clock.instant().minus(tokenLifetime).minus(PUBLISH_MARGIN);
        Map<String, VerificationKey> verification = new LinkedHashMap<>();
        List<Map<String, String>> jwks = new ArrayList<>();
        SigningKeyRecord activeRecord = null;
        SigningKeyRecord refused = null;
        for (SigningKeyRecord record : records) {
            if (record.retiredAt().map(at -> at.isBefore(cutoff)).orElse(false)) {
                continue;
            }
            Map<String, String> jwk = parseJwk(record);
            if (!isGenuine(record, jwk)) {
                if (record.retiredAt().isEmpty() && refused == null) {
                    refused = record;
                }
                continue;
            }
            verification.put(record.kid(), verificationKey(record, jwk));
            jwks.add(jwk);
            if (record.retiredAt().isEmpty() && (activeRecord == null
                    || isConfigured(record) && !isConfigured(activeRecord))) {
                activeRecord = record;
            }
        }
        if (activeRecord == null && refused != null) {
            decrypt(refused);
            throw new IllegalStateException("signing key " + refused.kid() + " is not genuine: its kid is not its thumbprint");
        }
        if (activeRecord == null) {
            throw new IllegalStateException("no signing key is active; start the server or rotate the keys");
        }
        SigningKey active = decrypted.get(activeRecord.kid());
        if (active == null) {
            active = decrypt(activeRecord);
            decrypted.put(active.kid(), active);
        }
        KeyRing loaded = new KeyRing(active, verification, jwks);
        ring = loaded;
        loadedAtNanos = nanoTime.getAsLong();
        return loaded;
    }

    private boolean isConfigured(SigningKeyRecord record) {
        return configured.map(wanted -> record.algorithm().equals(wanted.joseName())).orElse(false);
    }

    /**
     * A key record is published only if it was written by someone holding the KEK: its private key must open under
     * AES-GCM with the kid as authenticated data, and the kid must be the public JWK's thumbprint. So write access to
     * the database alone cannot plant a verification key.
     */
    private boolean isGenuine(SigningKeyRecord record, Map<String, String> jwk) {
        return genuine.computeIfAbsent(record.kid(), kid -> {
            try {
                KeyAlgorithm recordAlgorithm = KeyAlgorithm.parse(record.algorithm());
                PublicKey publicKey = JoseKeys.publicKey(recordAlgorithm, jwk);
                Arrays.fill(encryption.decrypt(kid, record.encryptedPrivateKey()), (byte) 0);
                boolean matches = JoseKeys.thumbprint(recordAlgorithm, publicKey).equals(kid);
                if (!matches) {
                    LOG.warning("signing key " + kid + " is not published: its kid is not its JWK thumbprint");
                }
                return matches;
            } catch (GeneralSecurityException | RuntimeException failure) {
                LOG.warning("signing key " + kid + " is not published: " + failure.getMessage());
                return false;
            }
        });
    }

    private SigningKey decrypt(SigningKeyRecord record) {
        KeyAlgorithm recordAlgorithm = KeyAlgorithm.parse(record.algorithm());
        byte[] pkcs8 = encryption.decrypt(record.kid(), record.encryptedPrivateKey());
        try {
            return JoseKeys.signingKey(record.kid(), recordAlgorithm, pkcs8);
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException("signing key " + record.kid() + " is not a valid private key", failure);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static VerificationKey verificationKey(SigningKeyRecord record, Map<String, String> jwk) {
        KeyAlgorithm recordAlgorithm = KeyAlgorithm.parse(record.algorithm());
        try {
            return JoseKeys.verificationKey(record.kid(), recordAlgorithm, JoseKeys.publicKey(recordAlgorithm, jwk));
        } catch (GeneralSecurityException | RuntimeException failure) {
            throw new IllegalStateException("signing key " + record.kid() + " has an unreadable public JWK", failure);
        }
    }

    private static Map<String, String> parseJwk(SigningKeyRecord record) {
        return JoseKeys.jwkMembers(record.publicJwk());
    }
}
