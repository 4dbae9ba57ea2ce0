package dev.sentinel.core.application.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (private signing keys, TOTP secrets) with AES-256-GCM under the key-encryption key from
 * configuration. The record's identifier (a {@code kid}, an account id) is authenticated data, so a ciphertext cannot
 * be moved to another record. Stored form: {@code aes256gcm:v1:<base64 of 12-byte IV and ciphertext with tag>}.
 * Thread-safe.
 */
public final class KeyEncryption {

    private static final String FORMAT = "aes256gcm:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;
    private final String what;

    KeyEncryption(byte[] keyEncryptionKey, SecureRandom random) {
        this(keyEncryptionKey, random, "signing key");
    }

    /**
     * Encryption under {@code keyEncryptionKey} (32 bytes, copied); {@code what} names the records in messages (e.g.
     * "the TOTP secret of account").
     */
    public KeyEncryption(byte[] keyEncryptionKey, SecureRandom random, String what) {
        this.what = java.util.Objects.requireNonNull(what, "what");
        if (keyEncryptionKey == null || keyEncryptionKey.length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes");
        }
        this.key = new SecretKeySpec(keyEncryptionKey.clone(), "AES");
        this.random = random;
    }

    /** Seals {@code plaintext}, bound to the record {@code kid}. */
    public String encrypt(String kid, byte[] plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return FORMAT + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException("cannot encrypt " + what + " " + kid, failure);
        }
    }

    /** Decrypts; throws {@link IllegalStateException} when the text was sealed under another key or altered. */
    public byte[] decrypt(String kid, String stored) {
        if (stored == null || !stored.startsWith(FORMAT)) {
            throw new IllegalStateException(what + " " + kid + " is not stored in a known encrypted form");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(stored.substring(FORMAT.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(Arrays.copyOfRange(raw, IV_BYTES, raw.length));
        } catch (GeneralSecurityException | IllegalArgumentException failure) {
            throw new IllegalStateException(what + " " + kid + " cannot be decrypted: the key-encryption key "
                    + "differs from the one it was stored with, or the record was altered");
        }
    }
}
