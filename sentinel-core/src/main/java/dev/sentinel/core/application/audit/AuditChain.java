package dev.sentinel.core.application.audit;

import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.audit.AuditChainHead;
import dev.sentinel.core.domain.audit.AuditCheckpoint;
import dev.sentinel.core.domain.audit.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MACs of the audit chain. The key is derived from the key-encryption key with HKDF-Expand (RFC 5869 §2.3, SHA-256,
 * info {@value #INFO}; the key-encryption key is already a uniformly random 32-byte key, so it serves as the PRK), so
 * it never lives in the database and is never the key-encryption key itself. Each entry's MAC is an HMAC-SHA256 over
 * its canonical content (sequence number, time to the microsecond, actor, action, project, pass id, detail, each
 * length-prefixed) and the previous entry's MAC. The chain starts from a genesis value bound to the number of entries
 * written before it began, so that number cannot be changed either. Immutable and thread-safe.
 */
public final class AuditChain {

    static final String INFO = "sentinel audit trail hmac v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    private AuditChain(byte[] derived) {
        this.key = new SecretKeySpec(derived, ALGORITHM);
    }

    /** The chain keyed from {@code keyEncryptionKey} (32 bytes; not kept). */
    public static AuditChain fromKeyEncryptionKey(byte[] keyEncryptionKey) {
        if (keyEncryptionKey == null || keyEncryptionKey.length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes");
        }
        byte[] info = INFO.getBytes(StandardCharsets.US_ASCII);
        byte[] block = Arrays.copyOf(info, info.length + 1);
        block[info.length] = 1; // HKDF-Expand's T(1) = HMAC(PRK, info || 0x01): 32 bytes, all that is needed
        byte[] derived = hmac(new SecretKeySpec(keyEncryptionKey, ALGORITHM), block);
        return new AuditChain(derived);
    }

    /** The MAC of the entry at {@code sequence} following {@code head} (whose lock the caller holds). */
    public String seal(long sequence, AuditEntry entry, AuditChainHead head) {
        String previous = sequence - 1 == head.legacyThrough() ? genesis(head.legacyThrough()) : head.mac().orElse("");
        return mac(sequence, entry, previous);
    }

    /** The MAC an entry must carry after {@code previousMac}. */
    String mac(long sequence, AuditEntry entry, String previousMac) {
        return ENCODER.encodeToString(hmac(key, canonical(sequence, entry, previousMac)));
    }

    /** The value the first chained entry follows, bound to how many entries came before the chain. */
    String genesis(long legacyThrough) {
        return ENCODER.encodeToString(hmac(key, ("genesis\u0000" + legacyThrough).getBytes(StandardCharsets.UTF_8)));
    }

    /** The checkpoint a purge through {@code last} leaves. */
    AuditCheckpoint checkpoint(AuditRecord last, Instant at) {
        String mac = last.mac().orElse("");
        return new AuditCheckpoint(last.sequence(), mac, at, checkpointSignature(last.sequence(), mac));
    }

    /** Whether a checkpoint was signed under this key. */
    boolean isGenuine(AuditCheckpoint checkpoint) {
        return MessageDigest.isEqual(checkpointSignature(checkpoint.sequence(), checkpoint.mac())
                .getBytes(StandardCharsets.US_ASCII), checkpoint.signature().getBytes(StandardCharsets.US_ASCII));
    }

    /** Constant-time comparison of two MACs. */
    static boolean same(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
    }

    private String checkpointSignature(long sequence, String mac) {
        return ENCODER.encodeToString(hmac(key, ("checkpoint\u0000" + sequence + "\u0000" + mac)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** The entry's content as the MAC covers it; the time to the microsecond, as both databases keep it. */
    static byte[] canonical(long sequence, AuditEntry entry, String previousMac) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, "sentinel-audit-v1");
            out.writeLong(sequence);
            Instant at = entry.at().truncatedTo(ChronoUnit.MICROS);
            out.writeLong(at.getEpochSecond());
            out.writeInt(at.getNano());
            write(out, entry.actor());
            write(out, entry.action());
            write(out, entry.project());
            write(out, entry.passId());
            write(out, entry.detail());
            write(out, previousMac);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            write(out, value.get());
        }
    }

    private static void write(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("HMAC-SHA256 is not available", missing);
        }
    }

    @Override
    public String toString() {
        return "AuditChain[key redacted]";
    }
}
