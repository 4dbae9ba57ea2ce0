package dev.sentinel.core.application.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.domain.StorageException;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Re-reading the shared keys: one thread at a time, and a store failure never takes the cached keys away. */
class SigningKeyServiceTest {

    private static final long SECOND = 1_000_000_000L;

    private final GatedStorage storage = new GatedStorage(new InMemoryStorage());
    private final AtomicLong nanos = new AtomicLong();
    private final SigningKeyService keys = new SigningKeyService(storage, new MutableClock(Instant.parse("2026-03-01T10:00:00Z")),
            java.util.Optional.of("EdDSA"), new byte[32], Duration.ofMinutes(15), nanos::get);

    @Test
    void aStoreFailureDuringRefreshKeepsServingTheCachedKeysAndRetriesSoon() {
        keys.start();
        KeyRing cached = keys.current();
        storage.failing = true;
        nanos.addAndGet((SigningKeyService.REFRESH_SECONDS + 1) * SECOND);

        assertThat(keys.current()).isSameAs(cached);
        assertThat(keys.verificationKey(cached.active().kid())).isPresent();

        storage.failing = false;
        int readsBefore = storage.reads.get();
        nanos.addAndGet(6 * SECOND);
        keys.current();
        assertThat(storage.reads.get()).as("tried again within seconds, not after another 30").isGreaterThan(readsBefore);
    }

    @Test
    void oneThreadRefreshesWhileTheOthersKeepTheKeysTheyHave() throws Exception {
        keys.start();
        KeyRing cached = keys.current();
        nanos.addAndGet((SigningKeyService.REFRESH_SECONDS + 1) * SECOND);
        storage.gate = new CountDownLatch(1);
        int readsBefore = storage.reads.get();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<KeyRing>> rings = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                rings.add(threads.submit(keys::current));
            }
            assertThat(storage.entered.await(5, TimeUnit.SECONDS)).isTrue();
            int returned = 0;
            for (Future<KeyRing> ring : rings) {
                try {
                    assertThat(ring.get(200, TimeUnit.MILLISECONDS)).isSameAs(cached);
                    returned++;
                } catch (java.util.concurrent.TimeoutException theRefreshingThread) {
                    // the one thread that re-reads is held at the gate
                }
            }
            assertThat(returned).isEqualTo(7);
            storage.gate.countDown();
            for (Future<KeyRing> ring : rings) {
                ring.get(5, TimeUnit.SECONDS);
            }
            assertThat(storage.reads.get() - readsBefore).isEqualTo(1);
        } finally {
            storage.gate.countDown();
            threads.shutdownNow();
        }
    }

    /** A store whose reads can be made to fail or to wait at a gate, and are counted. */
    private static final class GatedStorage implements Storage {
        private final Storage delegate;
        private final AtomicInteger reads = new AtomicInteger();
        private final CountDownLatch entered = new CountDownLatch(1);
        private volatile boolean failing;
        private volatile CountDownLatch gate;

        GatedStorage(Storage delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T inTransaction(Function<StorageSession, T> work) {
            return delegate.inTransaction(work);
        }

        @Override
        public <T> T read(Function<StorageSession, T> work) {
            reads.incrementAndGet();
            if (failing) {
                throw new StorageException("the store is down (injected)");
            }
            CountDownLatch waitFor = gate;
            if (waitFor != null) {
                entered.countDown();
                try {
                    waitFor.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return delegate.read(work);
        }

        @Override
        public boolean isReachable() {
            return !failing;
        }
    }
}
