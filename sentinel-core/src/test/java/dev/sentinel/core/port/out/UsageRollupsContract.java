package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestEvents.anEvent;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.HourlyUsage;
import dev.sentinel.core.domain.activity.LatencyHistogram;
import dev.sentinel.core.fixtures.TestIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract of {@link UsageRollups}, for every adapter. */
public abstract class UsageRollupsContract extends StorageContractSupport {

    private static final Instant HOUR = T0;
    private final PassId passId = TestIds.newPassId();

    @Test
    void rollsEventsUpIntoOneRowPerHour() {
        add(anEvent().forPass(passId).at(HOUR.plusSeconds(1)).withDurationMs(3).withEndpoint("/v1/a").build(),
                anEvent().forPass(passId).at(HOUR.plusSeconds(3599)).withDurationMs(40_000).withEndpoint("/v1/b")
                        .failed(500, "x").build(),
                anEvent().forPass(passId).at(HOUR.plusSeconds(3600)).withDurationMs(10).withEndpoint("/v1/a").build());

        List<HourlyUsage> rollups = find(HOUR, HOUR.plus(Duration.ofHours(2)));

        assertThat(rollups).hasSize(2);
        HourlyUsage first = rollups.get(0);
        assertThat(first.hour()).isEqualTo(HOUR);
        assertThat(first.total()).isEqualTo(2);
        assertThat(first.successes()).isEqualTo(1);
        assertThat(first.errors()).isEqualTo(1);
        assertThat(first.latencySumMs()).isEqualTo(40_003);
        assertThat(first.histogram()).isEqualTo(LatencyHistogram.empty().plus(3).plus(40_000));
        assertThat(first.endpoints()).containsExactlyInAnyOrder("/v1/a", "/v1/b");
        assertThat(rollups.get(1).hour()).isEqualTo(HOUR.plusSeconds(3600));
        assertThat(rollups.get(1).total()).isEqualTo(1);
    }

    @Test
    void countsEveryAttemptOfAnAggregatedFailure() {
        add(anEvent().forPass(passId).at(HOUR.plusSeconds(5)).withDurationMs(2).build(),
                anEvent().forPass(passId).at(HOUR.plusSeconds(9)).withDurationMs(3).failed(401, "secret_mismatch")
                        .withAttempts(40).build());

        assertThat(find(HOUR, HOUR.plusSeconds(3600))).singleElement().satisfies(rollup -> {
            assertThat(rollup.total()).isEqualTo(41);
            assertThat(rollup.errors()).isEqualTo(40);
            assertThat(rollup.successes()).isEqualTo(1);
            assertThat(rollup.latencySumMs()).isEqualTo(2 + 40 * 3);
            assertThat(rollup.histogram()).isEqualTo(LatencyHistogram.empty().plus(2).plus(3, 40));
        });
    }

    @Test
    void mergesRollupsAcrossBatches() {
        ActivityEvent a = anEvent().forPass(passId).at(HOUR.plusSeconds(10)).withDurationMs(5).withEndpoint("/v1/a").build();
        ActivityEvent b = anEvent().forPass(passId).at(HOUR.plusSeconds(20)).withDurationMs(700).withEndpoint("/v1/b")
                .failed(404, "nope").build();
        ActivityEvent c = anEvent().forPass(passId).at(HOUR.plusSeconds(30)).withDurationMs(5).withEndpoint("/v1/a").build();
        add(a);
        add(b, c);

        assertThat(find(HOUR, HOUR.plusSeconds(3600))).singleElement()
                .isEqualTo(HourlyUsage.rollUp(List.of(a, b, c)).get(0));
    }

    @Test
    void keepsPassesApart() {
        PassId other = TestIds.newPassId();
        add(anEvent().forPass(passId).at(HOUR).build(), anEvent().forPass(other).at(HOUR).build(),
                anEvent().forPass(other).at(HOUR).build());

        assertThat(find(HOUR, HOUR.plusSeconds(3600))).singleElement().satisfies(rollup -> {
            assertThat(rollup.passId()).isEqualTo(passId);
            assertThat(rollup.total()).isEqualTo(1);
        });
    }

    @Test
    void findsHoursInAHalfOpenRangeOldestFirst() {
        for (int hour = 0; hour < 5; hour++) {
            add(anEvent().forPass(passId).at(HOUR.plus(Duration.ofHours(hour)).plusSeconds(7)).build());
        }

        assertThat(find(HOUR.plus(Duration.ofHours(1)), HOUR.plus(Duration.ofHours(4)))).extracting(HourlyUsage::hour)
                .containsExactly(HOUR.plus(Duration.ofHours(1)), HOUR.plus(Duration.ofHours(2)), HOUR.plus(Duration.ofHours(3)));
        assertThat(find(HOUR.minus(Duration.ofDays(1)), HOUR)).isEmpty();
    }

    @Test
    void keepsLongAndManyEndpoints() {
        String longEndpoint = "/v1/" + "x".repeat(ActivityEvent.ENDPOINT_MAX_LENGTH - 4);
        add(anEvent().forPass(passId).at(HOUR).withEndpoint(longEndpoint).build(),
                anEvent().forPass(passId).at(HOUR).withEndpoint("/V1/A").build(),
                anEvent().forPass(passId).at(HOUR).withEndpoint("/v1/a").build());

        assertThat(find(HOUR, HOUR.plusSeconds(3600)).get(0).endpoints()).isEqualTo(Set.of(longEndpoint, "/V1/A", "/v1/a"));
    }

    @Test
    void anHourKeepsAThousandEndpointsByNameAndCountsTheRestUnderOther() {
        List<ActivityEvent> first = new java.util.ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            first.add(anEvent().forPass(passId).at(HOUR.plusSeconds(i % 3600)).withEndpoint("/v1/items/" + i).build());
        }
        List<ActivityEvent> second = new java.util.ArrayList<>();
        for (int i = 1_150; i < 1_450; i++) {
            second.add(anEvent().forPass(passId).at(HOUR.plusSeconds(10)).withEndpoint("/v1/items/" + i).build());
        }
        add(first.toArray(ActivityEvent[]::new));
        add(second.toArray(ActivityEvent[]::new));
        add(anEvent().forPass(passId).at(HOUR.plusSeconds(3600)).withEndpoint("/v1/next-hour").build());

        List<HourlyUsage> hours = find(HOUR, HOUR.plus(Duration.ofHours(2)));

        HourlyUsage capped = hours.get(0);
        assertThat(capped.endpoints()).hasSize(HourlyUsage.MAX_ENDPOINTS + 1).contains(HourlyUsage.OTHER_ENDPOINTS);
        assertThat(capped.endpoints().stream().filter(endpoint -> endpoint.startsWith("/v1/items/")))
                .hasSize(HourlyUsage.MAX_ENDPOINTS);
        assertThat(capped.total()).as("requests beyond the cap still count").isEqualTo(1_500);
        assertThat(hours.get(1).endpoints()).containsExactly("/v1/next-hour");
    }

    @Test
    void anEndpointAlreadyKnownIsNeverMovedUnderOther() {
        add(anEvent().forPass(passId).at(HOUR).withEndpoint("/v1/known").build());
        List<ActivityEvent> flood = new java.util.ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            flood.add(anEvent().forPass(passId).at(HOUR).withEndpoint("/v1/flood/" + i).build());
        }
        add(flood.toArray(ActivityEvent[]::new));
        add(anEvent().forPass(passId).at(HOUR).withEndpoint("/v1/known").build());

        HourlyUsage hour = find(HOUR, HOUR.plusSeconds(3600)).get(0);
        assertThat(hour.endpoints()).hasSize(HourlyUsage.MAX_ENDPOINTS + 1).contains("/v1/known",
                HourlyUsage.OTHER_ENDPOINTS);
        assertThat(hour.total()).isEqualTo(1_102);
    }

    @Test
    void deleteByPassRemovesOnlyThatPassesRollups() {
        PassId other = TestIds.newPassId();
        add(anEvent().forPass(passId).at(HOUR).build(), anEvent().forPass(other).at(HOUR).build());

        run(session -> session.usage().deleteByPass(passId));

        assertThat(find(HOUR, HOUR.plusSeconds(3600))).isEmpty();
        assertThat(tx((StorageSession session) -> session.usage().find(other, HOUR, HOUR.plusSeconds(3600)))).hasSize(1);
    }

    @Test
    void addingNothingIsHarmless() {
        run(session -> session.usage().add(List.of()));

        assertThat(find(HOUR, HOUR.plusSeconds(3600))).isEmpty();
    }

    private void add(ActivityEvent... events) {
        run(session -> session.usage().add(List.of(events)));
    }

    private List<HourlyUsage> find(Instant from, Instant until) {
        return tx(session -> session.usage().find(passId, from, until));
    }
}
