package dev.sentinel.core.jose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwsCryptoTest {

    private static final byte[] INPUT = "eyJhbGciOiJFZERTQSIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJzcGNfMTIzIn0"
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void theNativeProviderSignsOnLinuxX8664AndAarch64() {
        boolean linuxX8664 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && List.of("amd64", "x86_64", "aarch64").contains(System.getProperty("os.arch"));
        boolean switchedOff = "false".equalsIgnoreCase(System.getProperty(JwsCrypto.NATIVE_PROPERTY));

        assertThat(JwsCrypto.nativeProvider().isPresent()).isEqualTo(linuxX8664 && !switchedOff);
        assertThat(JwsCrypto.signingProviderDescription())
                .contains(linuxX8664 && !switchedOff ? "AmazonCorrettoCryptoProvider" : "BouncyCastle");
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void bothSigningPathsMakeSignaturesTheVerifierAcceptsAndNoOther(KeyAlgorithm algorithm) throws Exception {
        KeyPair keys = algorithm.generate();
        JwsCrypto.Verifier verifier = JwsCrypto.verifier(algorithm, keys.getPublic());

        for (Optional<Provider> path : paths()) {
            byte[] signature = JwsCrypto.signer(algorithm, keys.getPrivate(), path).sign(INPUT);

            assertThat(verifier.verify(INPUT, signature)).as("%s on %s", algorithm, path).isTrue();
            byte[] tampered = INPUT.clone();
            tampered[tampered.length - 1] ^= 1;
            assertThat(verifier.verify(tampered, signature)).isFalse();
            assertThat(JwsCrypto.verifier(algorithm, algorithm.generate().getPublic()).verify(INPUT, signature)).isFalse();
        }
    }

    @Test
    void ed25519SignaturesAreTheSameBytesOnTheNativeProviderAndOnBouncyCastle() throws Exception {
        Provider provider = JwsCrypto.nativeProvider().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(provider != null, "the native provider does not load here");
        KeyPair keys = KeyAlgorithm.EDDSA.generate();
        JwsCrypto.Signer onNative = JwsCrypto.signer(KeyAlgorithm.EDDSA, keys.getPrivate(), Optional.of(provider));
        JwsCrypto.Signer onBouncyCastle = JwsCrypto.signer(KeyAlgorithm.EDDSA, keys.getPrivate(), Optional.empty());

        for (int length : new int[] {0, 1, 64, 333, 4096}) {
            byte[] input = new byte[length];
            new java.util.Random(length).nextBytes(input);
            assertThat(onNative.sign(input)).as("length %d", length).isEqualTo(onBouncyCastle.sign(input));
        }
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void oneSignerServesManyThreadsAtOnce(KeyAlgorithm algorithm) throws Exception {
        KeyPair keys = algorithm.generate();
        JwsCrypto.Signer signer = JwsCrypto.signer(algorithm, keys.getPrivate());
        JwsCrypto.Verifier verifier = JwsCrypto.verifier(algorithm, keys.getPublic());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 64; task++) {
                byte[] input = ("token-" + task).getBytes(StandardCharsets.US_ASCII);
                results.add(threads.submit(() -> verifier.verify(input, signer.sign(input))));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<Optional<Provider>> paths() {
        List<Optional<Provider>> paths = new ArrayList<>();
        paths.add(Optional.empty());
        JwsCrypto.nativeProvider().ifPresent(provider -> paths.add(Optional.of(provider)));
        return paths;
    }
}
