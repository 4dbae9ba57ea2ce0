package dev.sentinel.core.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.domain.ClientSecret;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.port.out.CredentialHasher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCredentialHasherTest {

    /** Counts how many calls run at once; each call holds on until the test lets all go. */
    private static final class Overlapping implements CredentialHasher {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String algorithm() {
            return "argon2id";
        }

        @Override
        public String hash(ClientSecret secret) {
            verify(secret, "");
            return "$argon2id$x";
        }

        @Override
        public boolean verify(ClientSecret secret, String encodedHash) {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
                Thread.sleep(2);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return false;
        }
    }

    @Test
    void fortyConcurrentVerificationsRunAtMostPermitsAtOnce() throws Exception {
        Overlapping slow = new Overlapping();
        CredentialHasher bounded = CredentialHashers.bounded(slow, 2);
        ClientSecret secret = CredentialGenerator.create().newSecret();
        ExecutorService flood = Executors.newFixedThreadPool(40);
        try {
            List<Future<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(flood.submit(() -> bounded.verify(secret, "$argon2id$x")));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (slow.running.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(100); // the other 38 are at the gate by now; none may pass it while two run
            assertThat(slow.running.get()).isEqualTo(2);
            slow.release.countDown();
            for (Future<Boolean> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS)).isFalse();
            }
        } finally {
            flood.shutdownNow();
        }
        assertThat(slow.most.get()).isEqualTo(2);
        assertThat(bounded.algorithm()).isEqualTo("argon2id");
    }

    @Test
    void theArgon2idHasherIsBoundedByTheProcessors() {
        assertThat(CredentialHashers.argon2id()).isInstanceOf(BoundedCredentialHasher.class);
        ClientSecret secret = CredentialGenerator.create().newSecret();
        CredentialHasher argon2id = CredentialHashers.argon2id();
        assertThat(argon2id.verify(secret, argon2id.hash(secret))).isTrue();
    }
}
