package dev.sentinel.core.application;

import com.google.common.hash.Hashing;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.StorageException;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.out.Storage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The admin bearer token of the management API. A configured token is held only as its SHA-256 digest; without
 * one, the token stored (hashed) in the shared settings is used, and on the very first start one is generated,
 * stored hashed and handed out once. Generated tokens start with {@value #PREFIX}; no admin token contains a
 * {@code .}, so an access token (a JWT) can never match. Comparison is constant-time. Thread-safe.
 *
 * <p>A stored token can be replaced with {@link #rotate}. Instances that use the stored token re-read its hash when
 * the copy they hold is older than {@value #REFRESH_SECONDS} seconds, so a replaced token stops matching within that
 * time; a token that does not match makes them re-read at once (at most once a second), so a new token matches
 * within about a second. When the hash cannot be re-read after {@value #REFRESH_SECONDS} seconds, {@link #matches}
 * fails with a {@link StorageException} rather than keep trusting a token that may have been replaced. A configured
 * token never changes and ignores the stored one.
 */
public final class AdminTokens {

    public static final String PREFIX = "sat_";
    /** The shortest configured token accepted: 32 characters (generated ones carry 256 random bits). */
    public static final int MIN_LENGTH = 32;
    /** The settings entry holding the generated token's hash. */
    public static final String SETTING = "admin_token_hash";
    /** The longest time a server that uses the stored token goes on accepting a token replaced by {@link #rotate}. */
    public static final int REFRESH_SECONDS = 5;
    /** The action {@link #rotate} writes to the audit trail. */
    public static final String ROTATE_ACTION = "admin_token.rotate";
    private static final String HASH_PREFIX = "$sha256$";
    private static final long REFRESH_NANOS = Duration.ofSeconds(REFRESH_SECONDS).toNanos();
    private static final long MISS_REREAD_NANOS = Duration.ofSeconds(1).toNanos();
    /** What a store without a stored hash is known as: no presented token (a 32-byte digest) can equal it. */
    private static final byte[] NO_TOKEN = new byte[0];

    private final Storage storage;
    private final LongSupplier nanoTime;
    private final String generated;
    private volatile Known known;
    private long lastMissRereadNanos;
    private long lastFailedReadNanos;

    private AdminTokens(Storage storage, LongSupplier nanoTime, byte[] digest, String generated) {
        this.storage = storage;
        this.nanoTime = nanoTime;
        this.generated = generated;
        long now = nanoTime.getAsLong();
        this.known = new Known(digest, now);
        this.lastMissRereadNanos = now - MISS_REREAD_NANOS;
        this.lastFailedReadNanos = now - MISS_REREAD_NANOS;
    }

    /**
     * Uses the configured token; the stored one, if any, is ignored while a token is configured. {@code name} says
     * which token it is ("admin token", "ingest token") in the error a malformed one gets.
     */
    public static AdminTokens configured(String token, String name) {
        if (token == null || token.length() < MIN_LENGTH || token.indexOf('.') >= 0) {
            throw new IllegalArgumentException("the " + name + " must have at least " + MIN_LENGTH + " characters and no "
                    + "'.' (so that it cannot be guessed and no JWT access token can ever match it); make one with: "
                    + "openssl rand -hex 32");
        }
        return new AdminTokens(null, System::nanoTime, sha256(token), null);
    }

    /**
     * Loads the stored token's hash, or generates, stores and returns a new token when none is stored. The hash is
     * re-read as the class documentation says, so a token replaced by {@link #rotate} stops matching.
     */
    public static AdminTokens stored(Storage storage, SecureRandom random) {
        return stored(storage, random, System::nanoTime);
    }

    static AdminTokens stored(Storage storage, SecureRandom random, LongSupplier nanoTime) {
        Objects.requireNonNull(storage, "storage");
        String candidate = newToken(random);
        String candidateHash = hashText(candidate);
        return storage.inTransaction(session -> {
            boolean created = session.settings().putIfAbsent(SETTING, candidateHash);
            String hash = created ? candidateHash : session.settings().get(SETTING).orElseThrow();
            return new AdminTokens(storage, nanoTime, digestOf(hash), created ? candidate : null);
        });
    }

    /**
     * Issues a new admin token for the store: its hash replaces the stored one in one transaction, with an audit entry
     * ({@value #ROTATE_ACTION}, by {@code actor}, holding no token material). Servers that use the stored token accept
     * the new one and refuse the old one within {@value #REFRESH_SECONDS} seconds; servers with a configured token
     * ignore it. On a store without a token yet, the new one is the store's first.
     *
     * @return the new token, to show once; it is kept nowhere
     */
    public static String rotate(Storage storage, SecureRandom random, Clock clock, Actor actor) {
        Objects.requireNonNull(actor, "actor");
        String token = newToken(random);
        String hash = hashText(token);
        storage.inTransaction(session -> {
            boolean replaced = session.settings().get(SETTING).isPresent();
            session.settings().put(SETTING, hash);
            session.audit().record(new AuditEntry(clock.instant(), actor.name(), ROTATE_ACTION, Optional.empty(),
                    replaced ? "replaced the stored admin token" : "stored the first admin token"));
            return null;
        });
        return token;
    }

    /**
     * Whether the presented bearer token is the admin token.
     *
     * @throws StorageException when the stored hash is due to be re-read and the store cannot be reached
     */
    public boolean matches(String presented) {
        if (presented == null || presented.indexOf('.') >= 0) {
            return false;
        }
        byte[] digest = sha256(presented);
        if (MessageDigest.isEqual(digest, current().digest())) {
            return true;
        }
        return storage != null && rereadAfterMiss() && MessageDigest.isEqual(digest, known.digest());
    }

    /** The token generated on this start, to print once; empty when it was configured or already stored. */
    public Optional<String> generated() {
        return Optional.ofNullable(generated);
    }

    /** The known hash, re-read (one thread at a time) when older than the bound; fails when it cannot be. */
    private Known current() {
        Known snapshot = known;
        if (storage == null || nanoTime.getAsLong() - snapshot.readAtNanos() < REFRESH_NANOS) {
            return snapshot;
        }
        synchronized (this) {
            snapshot = known;
            long now = nanoTime.getAsLong();
            if (now - snapshot.readAtNanos() < REFRESH_NANOS) {
                return snapshot;
            }
            if (now - lastFailedReadNanos < MISS_REREAD_NANOS) {
                // a store that just failed is not asked again for a second: requests queued behind a slow failure
                // fail at once instead of each waiting out its own timeout
                throw new StorageException("cannot re-read the admin token hash: the store failed less than a second ago");
            }
            try {
                known = read();
            } catch (StorageException unavailable) {
                lastFailedReadNanos = now;
                throw unavailable;
            }
            return known;
        }
    }

    /** Re-reads after a token that did not match, at most once a second; false when it did not (or could not). */
    private synchronized boolean rereadAfterMiss() {
        long now = nanoTime.getAsLong();
        if (now - lastMissRereadNanos < MISS_REREAD_NANOS) {
            return false;
        }
        lastMissRereadNanos = now;
        try {
            known = read();
            return true;
        } catch (RuntimeException storeFailed) {
            return false; // the hash read less than REFRESH_SECONDS ago still holds
        }
    }

    private Known read() {
        long readAt = nanoTime.getAsLong();
        Optional<String> hash;
        try {
            hash = storage.read(session -> session.settings().get(SETTING));
        } catch (StorageException unavailable) {
            throw unavailable;
        } catch (RuntimeException failed) {
            throw new StorageException("cannot re-read the admin token hash: " + failed.getMessage(), failed);
        }
        return new Known(hash.map(AdminTokens::digestOf).orElse(NO_TOKEN), readAt);
    }

    private static String newToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hashText(String token) {
        return HASH_PREFIX + Base64.getEncoder().encodeToString(sha256(token));
    }

    private static byte[] digestOf(String hash) {
        if (!hash.startsWith(HASH_PREFIX)) {
            throw new IllegalStateException("the stored admin token hash is in an unknown form");
        }
        return Base64.getDecoder().decode(hash.substring(HASH_PREFIX.length()));
    }

    private static byte[] sha256(String text) {
        return Hashing.sha256().hashString(text, StandardCharsets.UTF_8).asBytes();
    }

    @Override
    public String toString() {
        return "AdminTokens[redacted]";
    }

    /** A hash and when it was read. */
    private record Known(byte[] digest, long readAtNanos) {
    }
}
