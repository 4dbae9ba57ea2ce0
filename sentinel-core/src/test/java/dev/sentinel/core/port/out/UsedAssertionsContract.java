package dev.sentinel.core.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The contract of {@link UsedAssertions}, the replay cache of client assertions, for every adapter. */
public abstract class UsedAssertionsContract extends StorageContractSupport {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant EXPIRY = NOW.plusSeconds(360);

    /** Client ids of this test alone: a contract store may be shared by the tests of a class. */
    private final String a = "spc_a" + java.util.UUID.randomUUID();
    private final String b = "spc_b" + java.util.UUID.randomUUID();

    private boolean firstUse(String clientId, String jti, Instant expiresAt, Instant now) {
        return tx((StorageSession session) -> session.usedAssertions().firstUse(clientId, jti, expiresAt, now));
    }

    @Test
    void aJtiIsAcceptedOnceUntilItExpires() {
        assertThat(firstUse(a, "jti-1", EXPIRY, NOW)).isTrue();

        assertThat(firstUse(a, "jti-1", EXPIRY, NOW.plusSeconds(10))).isFalse();
        assertThat(firstUse(a, "jti-1", EXPIRY, EXPIRY)).isFalse();
    }

    @Test
    void theSameJtiOfAnotherClientIsItsOwn() {
        assertThat(firstUse(a, "jti-1", EXPIRY, NOW)).isTrue();

        assertThat(firstUse(b, "jti-1", EXPIRY, NOW)).isTrue();
    }

    @Test
    void anEntryThatHasExpiredNoLongerCountsEvenBeforeItIsPruned() {
        assertThat(firstUse(a, "jti-1", EXPIRY, NOW)).isTrue();

        assertThat(firstUse(a, "jti-1", EXPIRY.plusSeconds(400), EXPIRY.plusSeconds(1))).isTrue();
        assertThat(firstUse(a, "jti-1", EXPIRY.plusSeconds(400), EXPIRY.plusSeconds(2))).isFalse();
    }

    @Test
    void pruningRemovesOnlyEntriesThatExpiredBeforeTheInstant() {
        firstUse(a, "expired", EXPIRY.minusSeconds(1), NOW);
        firstUse(a, "at-the-instant", EXPIRY, NOW);
        firstUse(a, "later", EXPIRY.plusSeconds(1), NOW);

        assertThat(tx((StorageSession session) -> session.usedAssertions().deleteExpiredBefore(EXPIRY))).isEqualTo(1);

        assertThat(firstUse(a, "at-the-instant", EXPIRY, NOW)).isFalse();
        assertThat(firstUse(a, "expired", EXPIRY, NOW)).isTrue();
    }

    @Test
    void ofManyConcurrentFirstUsesExactlyOneWins() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Boolean>> uses = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                uses.add(() -> firstUse(a, "raced", EXPIRY, NOW));
            }
            long winners = 0;
            for (Future<Boolean> use : pool.invokeAll(uses)) {
                winners += use.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
