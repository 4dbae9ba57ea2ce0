package dev.sentinel.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.application.ActivityIngest;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.fixtures.TestServices;
import dev.sentinel.core.port.out.StorageSession;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page of activity costs memory for the blocks it needs, not for every event that shares its instant: 16,000 large
 * events at one timestamp (what a few dashboards on auto-refresh then page through) used to be decoded whole for each
 * page of 25, and six such pages at once ran a 512 MiB heap out of memory. Measured here: 361 MB allocated for one
 * page before, 3 MB after.
 */
class ActivityPageMemoryTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final int EVENTS = 16_000;

    @TempDir
    Path dataDir;

    @Test
    void aFirstPageAmongThousandsOfSimultaneousLargeEventsDecodesOnlyWhatItNeeds() {
        try (JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(dataDir))) {
            PassId passId = TestServices.passService(storage).create(TestServices.aCreateCommand()).pass().passId();
            ActivityIngest ingest = new ActivityIngest(storage, Clock.fixed(AT, ZoneOffset.UTC), Duration.ofDays(90));
            for (int from = 0; from < EVENTS; from += 1_000) {
                ingest.ingest(largeEvents(passId, from, 1_000));
            }

            long before = allocatedBytes();
            Page<ActivityEvent> page = storage.read((StorageSession session) ->
                    session.activity().find(ActivityFilter.all(passId), new PageRequest(1, 25)));
            long allocated = allocatedBytes() - before;

            assertThat(page.items()).hasSize(25);
            assertThat(page.items().get(0).endpoint()).as("newest first: the last event written")
                    .startsWith("/v1/orders/" + (EVENTS - 1) + "/");
            assertThat(allocated).as("bytes allocated for one page, %d events of about 4 KB at one instant", EVENTS)
                    .isLessThan(40L * 1024 * 1024);
        }
    }

    private static List<ActivityEvent> largeEvents(PassId passId, int from, int count) {
        List<ActivityEvent> events = new ArrayList<>(count);
        String padding = "p".repeat(1_900);
        for (int i = from; i < from + count; i++) {
            events.add(new ActivityEvent(passId, ActivityType.ERROR, AT, "/v1/orders/" + i + "/" + padding, "POST", false,
                    500, 12, Optional.of("203.0.113.7"), Optional.of("agent/" + i), Optional.of("e".repeat(1_900) + i),
                    "{}"));
        }
        return events;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
