package dev.sentinel.core.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.application.ActivityIngest;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.IdempotencyKeyReusedException;
import dev.sentinel.core.domain.IngestReceipt;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.fixtures.TestServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link IngestReceipts}, and idempotent ingest on top of it, for every store. */
public abstract class IngestReceiptsContract extends StorageContractSupport {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void aReceiptIsFoundByScopeAndKeyAndASecondOneForThemConflicts() {
        IngestReceipt receipt = new IngestReceipt("token-a", "batch-1", "digest", 3, NOW);
        run(session -> session.ingestReceipts().add(receipt));

        assertThat(tx((StorageSession session) -> session.ingestReceipts().find("token-a", "batch-1"))).contains(receipt);
        assertThat(tx((StorageSession session) -> session.ingestReceipts().find("token-b", "batch-1"))).isEmpty();
        assertThatThrownBy(() -> run(session -> session.ingestReceipts().add(receipt))).isInstanceOf(ConflictException.class);
    }

    @Test
    void receiptsOlderThanAnInstantAreDeleted() {
        run(session -> {
            session.ingestReceipts().add(new IngestReceipt("s", "old", "d", 1, NOW.minusSeconds(10)));
            session.ingestReceipts().add(new IngestReceipt("s", "new", "d", 1, NOW));
        });

        assertThat(tx((StorageSession session) -> session.ingestReceipts().deleteCreatedBefore(NOW))).isEqualTo(1);
        assertThat(tx((StorageSession session) -> session.ingestReceipts().find("s", "new"))).isPresent();
    }

    @Test
    void aRetriedBatchIsStoredOnceAndAReusedKeyWithAnotherBodyIsRefused() {
        PassId passId = TestServices.passService(storage()).create(TestServices.aCreateCommand()).pass().passId();
        ActivityIngest ingest = new ActivityIngest(storage(), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(90));
        List<ActivityEvent> batch = List.of(event(passId), event(passId));
        Optional<ActivityIngest.Idempotency> key = Optional.of(new ActivityIngest.Idempotency("token-a", "retry-1", "digest-1"));

        ActivityIngest.Result first = ingest.ingest(batch, key);
        ActivityIngest.Result retried = ingest.ingest(batch, key);
        ActivityIngest.Result otherSender = ingest.ingest(batch,
                Optional.of(new ActivityIngest.Idempotency("token-b", "retry-1", "digest-1")));

        assertThat(first).isEqualTo(new ActivityIngest.Result(2, false));
        assertThat(retried).isEqualTo(new ActivityIngest.Result(2, true));
        assertThat(otherSender.replayed()).as("keys are scoped to the sender").isFalse();
        assertThat(tx((StorageSession session) -> session.activity().count(ActivityFilter.all(passId)))).isEqualTo(4);
        assertThatThrownBy(() -> ingest.ingest(batch, Optional.of(new ActivityIngest.Idempotency("token-a", "retry-1",
                "digest-2")))).isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(tx((StorageSession session) -> session.activity().count(ActivityFilter.all(passId)))).isEqualTo(4);
    }

    private static ActivityEvent event(PassId passId) {
        return new ActivityEvent(passId, ActivityType.API_REQUEST, NOW.minusSeconds(60), "/v1/orders", "GET", true, 200, 5,
                Optional.empty(), Optional.empty(), Optional.empty(), "{}");
    }
}
