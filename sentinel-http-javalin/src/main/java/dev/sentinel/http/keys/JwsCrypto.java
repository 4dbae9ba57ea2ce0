package dev.sentinel.http.keys;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Signs and verifies JWS signing inputs. Ed25519 runs on BouncyCastle's lightweight API, whose key parameters are
 * prepared once (the JDK 17 provider is about ten times slower); ES256 and RS256 use the JDK's providers.
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

    private JwsCrypto() {
    }

    static Signer signer(KeyAlgorithm algorithm, PrivateKey key) {
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
}
