package dev.sentinel.persistence.jdbi.adapter;

import static dev.sentinel.core.fixtures.TestEvents.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.fixtures.TestIds;
import dev.sentinel.core.port.out.StorageSession;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Page totals for an endpoint substring: exact while the range holds at most
 * {@value JdbiActivityLogAdapter#PAGE_COUNT_SCAN_LIMIT} events, estimated (and flagged) beyond; export's count stays exact.
 */
class ActivityTotalsTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void endpointTotalsAreEstimatedAndFlaggedOnlyBeyondTheScanLimit() {
        PassId passId = TestIds.newPassId();
        int events = JdbiActivityLogAdapter.PAGE_COUNT_SCAN_LIMIT * 3;
        try (JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(dataDir))) {
            List<ActivityEvent> batch = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                batch.add(anEvent().forPass(passId).at(START.plusSeconds(i)).withEndpoint(i % 4 == 0 ? "/v1/Orders" : "/v1/users").build());
            }
            storage.inTransaction(session -> {
                session.activity().append(batch);
                return null;
            });
            ActivityFilter everything = new ActivityFilter(passId, Optional.empty(), Optional.empty(), Optional.of("orders"),
                    Optional.empty(), Optional.empty());
            ActivityFilter narrow = new ActivityFilter(passId, Optional.empty(), Optional.empty(), Optional.of("orders"),
                    Optional.of(START), Optional.of(START.plusSeconds(4_000)));

            Page<ActivityEvent> estimated = storage.read((StorageSession session) -> session.activity().find(everything, PageRequest.first()));
            Page<ActivityEvent> exact = storage.read((StorageSession session) -> session.activity().find(narrow, PageRequest.first()));

            assertThat(estimated.totalIsEstimate()).isTrue();
            assertThat(estimated.total()).isBetween(events / 4L * 9 / 10, events / 4L * 11 / 10);
            assertThat(estimated.items()).hasSize(25).allSatisfy(event -> assertThat(event.endpoint()).isEqualTo("/v1/Orders"));
            assertThat(exact.totalIsEstimate()).isFalse();
            assertThat(exact.total()).isEqualTo(1_000);
            assertThat(storage.read((StorageSession session) -> session.activity().count(everything))).isEqualTo(events / 4);
        }
    }
}
