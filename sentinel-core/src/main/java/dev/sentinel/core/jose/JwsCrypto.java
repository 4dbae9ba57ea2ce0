package dev.sentinel.core.jose;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Signs and verifies JWS signing inputs. Signing prefers the Amazon Corretto Crypto Provider (AWS-LC, native code)
 * where its library loads, that is on Linux x86-64 and aarch64 (the build picks the library of its architecture)
 * unless the system property {@code sentinel.crypto.native} is {@code false}: a token signature is most of the CPU
 * time of a grant, and this provider signs ES256 about 24 times faster than the JDK and Ed25519 about three times
 * faster than BouncyCastle (see the benchmarks in the documentation). The provider is an optional
 * dependency, looked up by name. Elsewhere Ed25519 is signed with BouncyCastle's lightweight
 * API, whose key parameters are prepared once (the JDK 17 provider is about ten times slower), and ES256 and RS256
 * with the JDK's providers. Ed25519 signatures are deterministic, so both paths give the same bytes. Verification
 * always uses BouncyCastle (Ed25519) or the JDK.
 */
final class JwsCrypto {

    /** Signs with one private key. Thread-safe. */
    interface Signer {
        byte[] sign(byte[] input);
    }

    /** Verifies with one public key. Thread-safe. */
    interface Verifier {
        boolean verify(byte[] input, byte[] signature);
    }

    static final String NATIVE_PROPERTY = "sentinel.crypto.native";
    private static final String NATIVE_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private static final Optional<Provider> NATIVE = loadNative();

    private JwsCrypto() {
    }

    /** The native signing provider, when it loaded and is not switched off. */
    static Optional<Provider> nativeProvider() {
        return NATIVE;
    }

    /** What signs tokens in this process, for the startup log. */
    static String signingProviderDescription() {
        return NATIVE.map(provider -> provider.getName() + " " + provider.getVersionStr() + " (AWS-LC, native)")
                .orElse("BouncyCastle (Ed25519) and the JDK (ES256, RS256)");
    }

    static Signer signer(KeyAlgorithm algorithm, PrivateKey key) {
        return signer(algorithm, key, NATIVE);
    }

    static Signer signer(KeyAlgorithm algorithm, PrivateKey key, Optional<Provider> nativeProvider) {
        if (nativeProvider.isPresent()) {
            return nativeSigner(algorithm, key, nativeProvider.get());
        }
        if (algorithm == KeyAlgorithm.EDDSA) {
            byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow(() ->
                    new IllegalStateException("the Ed25519 private key has no seed"));
            Ed25519PrivateKeyParameters parameters = new Ed25519PrivateKeyParameters(seed, 0);
            Arrays.fill(seed, (byte) 0);
            return input -> {
                byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
                parameters.sign(Ed25519.Algorithm.Ed25519, null, input, 0, input.length, signature, 0);
                return signature;
            };
        }
        return input -> {
            try {
                Signature signature = Signature.getInstance(algorithm.jdkSignature());
                signature.initSign(key);
                signature.update(input);
                return signature.sign();
            } catch (GeneralSecurityException failure) {
                throw new IllegalStateException("cannot sign with " + algorithm.joseName(), failure);
            }
        };
    }

    /**
     * One initialised {@link Signature} per thread: creating and initialising one costs more than an Ed25519
     * signature, and {@code sign()} leaves it ready for the next input.
     */
    private static Signer nativeSigner(KeyAlgorithm algorithm, PrivateKey key, Provider provider) {
        ThreadLocal<Signature> signatures = ThreadLocal.withInitial(() -> {
            try {
                Signature signature = Signature.getInstance(algorithm.jdkSignature(), provider);
                signature.initSign(key);
                return signature;
            } catch (GeneralSecurityException failure) {
                throw new IllegalStateException("cannot sign with " + algorithm.joseName() + " on "
                        + provider.getName(), failure);
            }
        });
        signatures.get(); // fail at key load, not at the first grant
        return input -> {
            Signature signature = signatures.get();
            try {
                signature.update(input);
                return signature.sign();
            } catch (GeneralSecurityException failure) {
                signatures.remove();
                throw new IllegalStateException("cannot sign with " + algorithm.joseName(), failure);
            }
        };
    }

    static Verifier verifier(KeyAlgorithm algorithm, PublicKey key) {
        if (algorithm == KeyAlgorithm.EDDSA) {
            byte[] encoded = key.getEncoded();
            Ed25519PublicKeyParameters parameters = new Ed25519PublicKeyParameters(encoded, encoded.length - 32);
            return (input, signature) -> signature.length == Ed25519PrivateKeyParameters.SIGNATURE_SIZE
                    && parameters.verify(Ed25519.Algorithm.Ed25519, null, input, 0, input.length, signature, 0);
        }
        return (input, signature) -> {
            try {
                Signature verifier = Signature.getInstance(algorithm.jdkSignature());
                verifier.initVerify(key);
                verifier.update(input);
                return verifier.verify(signature);
            } catch (GeneralSecurityException | IllegalArgumentException malformed) {
                return false;
            }
        };
    }

    /**
     * The Amazon Corretto Crypto Provider, found by name so that it stays optional: a library user who leaves its jar
     * off the classpath gets the pure-Java signers.
     */
    private static Optional<Provider> loadNative() {
        if ("false".equalsIgnoreCase(System.getProperty(NATIVE_PROPERTY))) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(NATIVE_CLASS, true, JwsCrypto.class.getClassLoader());
            Provider provider = (Provider) type.getField("INSTANCE").get(null);
            Object loadingError = type.getMethod("getLoadingError").invoke(provider);
            return loadingError == null ? Optional.of(provider) : Optional.empty();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException unavailable) {
            return Optional.empty();
        }
    }
}
