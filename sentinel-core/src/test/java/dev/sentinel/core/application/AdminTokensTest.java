package dev.sentinel.core.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.adapter.memory.InMemoryStorage;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.StorageException;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AdminTokensTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private static final Actor CLI = new Actor("cli");

    private final SwitchableStorage storage = new SwitchableStorage(new InMemoryStorage());
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final SecureRandom random = new SecureRandom();

    @Test
    void aRotatedTokenReplacesTheStoredHashAndIsAuditedWithoutTokenMaterial() {
        AdminTokens.stored(storage, random, nanos::get);
        String before = storage.read(session -> session.settings().get(AdminTokens.SETTING)).orElseThrow();

        String token = AdminTokens.rotate(storage, random, CLOCK, CLI);

        String after = storage.read(session -> session.settings().get(AdminTokens.SETTING)).orElseThrow();
        assertThat(token).startsWith(AdminTokens.PREFIX).hasSize(AdminTokens.PREFIX.length() + 43);
        assertThat(after).isNotEqualTo(before).startsWith("$sha256$").doesNotContain(token);
        List<AuditEntry> audit = storage.read(session -> session.audit().recent(10));
        assertThat(audit).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("cli");
            assertThat(entry.action()).isEqualTo(AdminTokens.ROTATE_ACTION);
            assertThat(entry.passId()).isEmpty();
            assertThat(entry.at()).isEqualTo(CLOCK.instant());
            assertThat(entry.detail()).isEqualTo("replaced the stored admin token").doesNotContain(token)
                    .doesNotContain(after).doesNotContain(after.substring("$sha256$".length()));
        });
    }

    @Test
    void aRunningInstanceRefusesTheOldTokenOnceItsCopyOfTheHashIsOlderThanTheBound() {
        AdminTokens tokens = AdminTokens.stored(storage, random, nanos::get);
        String old = tokens.generated().orElseThrow();
        assertThat(tokens.matches(old)).isTrue();

        String fresh = AdminTokens.rotate(storage, random, CLOCK, CLI);

        assertThat(tokens.matches(old)).as("still within the bound: the hash read at start holds").isTrue();
        advance(Duration.ofSeconds(AdminTokens.REFRESH_SECONDS).minusMillis(1));
        assertThat(tokens.matches(old)).isTrue();
        advance(Duration.ofMillis(1));
        assertThat(tokens.matches(old)).as("the bound has passed: the hash is re-read").isFalse();
        assertThat(tokens.matches(fresh)).isTrue();
    }

    @Test
    void aNewTokenIsAcceptedOnItsFirstTryBecauseAMissRereadsTheStoreAtMostOnceASecond() {
        AdminTokens tokens = AdminTokens.stored(storage, random, nanos::get);
        String first = AdminTokens.rotate(storage, random, CLOCK, CLI);
        assertThat(tokens.matches(first)).as("a miss re-reads at once").isTrue();

        String second = AdminTokens.rotate(storage, random, CLOCK, CLI);
        assertThat(tokens.matches(second)).as("the previous re-read was less than a second ago").isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(tokens.matches(second)).isTrue();
        assertThat(tokens.matches(first)).isFalse();
    }

    @Test
    void wrongTokensReadTheStoreAtMostOnceASecond() {
        AdminTokens tokens = AdminTokens.stored(storage, random, nanos::get);
        storage.reads.set(0);
        for (int attempt = 0; attempt < 50; attempt++) {
            assertThat(tokens.matches("sat_wrong-token-" + attempt)).isFalse();
        }
        assertThat(storage.reads.get()).isEqualTo(1);
    }

    @Test
    void whenTheHashCannotBeRereadAfterTheBoundTheTokenIsNoLongerTrusted() {
        AdminTokens tokens = AdminTokens.stored(storage, random, nanos::get);
        String token = tokens.generated().orElseThrow();
        storage.failing = true;
        assertThat(tokens.matches(token)).as("within the bound the hash read before holds").isTrue();

        advance(Duration.ofSeconds(AdminTokens.REFRESH_SECONDS));

        assertThatThrownBy(() -> tokens.matches(token)).isInstanceOf(StorageException.class);
        storage.failing = false;
        storage.reads.set(0);
        assertThatThrownBy(() -> tokens.matches(token)).as("a store that just failed is not asked again at once")
                .isInstanceOf(StorageException.class);
        assertThat(storage.reads.get()).isZero();
        advance(Duration.ofSeconds(1));
        assertThat(tokens.matches(token)).isTrue();
    }

    @Test
    void aConfiguredTokenIgnoresTheStoredOneAndItsRotation() {
        AdminTokens stored = AdminTokens.stored(storage, random, nanos::get);
        AdminTokens configured = AdminTokens.configured("configured-admin-token-0123456789abcdef", "admin token");
        String rotated = AdminTokens.rotate(storage, random, CLOCK, CLI);

        assertThat(configured.matches("configured-admin-token-0123456789abcdef")).isTrue();
        assertThat(configured.matches(rotated)).isFalse();
        assertThat(configured.matches(stored.generated().orElseThrow())).isFalse();
    }

    @Test
    void rotatingAStoreWithoutATokenStoresItsFirstAndAServerStartingThenGeneratesNone() {
        String token = AdminTokens.rotate(storage, random, CLOCK, CLI);

        AdminTokens tokens = AdminTokens.stored(storage, random, nanos::get);
        assertThat(tokens.generated()).isEmpty();
        assertThat(tokens.matches(token)).isTrue();
        assertThat(storage.read(session -> session.audit().recent(1)).get(0).detail())
                .isEqualTo("stored the first admin token");
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** A real in-memory store that counts reads and can be made unreachable. */
    private static final class SwitchableStorage implements Storage {
        private final Storage delegate;
        private final AtomicLong reads = new AtomicLong();
        private volatile boolean failing;

        SwitchableStorage(Storage delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T inTransaction(Function<StorageSession, T> work) {
            if (failing) {
                throw new StorageException("the store is unreachable (test)");
            }
            return delegate.inTransaction(work);
        }

        @Override
        public <T> T read(Function<StorageSession, T> work) {
            reads.incrementAndGet();
            if (failing) {
                throw new StorageException("the store is unreachable (test)");
            }
            return delegate.read(work);
        }
    }
}
