package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestEvents.anEvent;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.fixtures.TestIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The contract of {@link ActivityLog}, for every adapter. */
public abstract class ActivityLogContract extends StorageContractSupport {

    private final PassId passId = TestIds.newPassId();

    @Test
    void findsAppendedEventsWithEveryField() {
        ActivityEvent full = anEvent().forPass(passId).ofType(ActivityType.ERROR).at(T0.plusMillis(1234))
                .withEndpoint("/v1/orders/42?x=1").withMethod("POST").failed(503, "upstream timed out")
                .withDurationMs(1500).withClientIp("2001:db8::7").withUserAgent("agent/1.0 (linux)")
                .withMetadata("{\"k\": \"v\", \"n\": [1, 2], \"unicode\": \"é✓\"}").build();
        ActivityEvent bare = anEvent().forPass(passId).at(T0).build();
        append(full, bare);

        assertThat(tx((StorageSession session) -> session.activity().find(all(), PageRequest.first())).items()).containsExactly(full, bare);
    }

    @Test
    void keepsWhoReportedAnIngestedEventAndThatTheServersOwnHaveNoReporter() {
        ActivityEvent reported = anEvent().forPass(passId).at(T0.plusSeconds(1)).build().reportedBy("edge-gateway");
        ActivityEvent own = anEvent().forPass(passId).at(T0).build();
        append(reported, own);

        List<ActivityEvent> found = tx((StorageSession session) -> session.activity().find(all(), PageRequest.first()))
                .items();

        assertThat(found).containsExactly(reported, own);
        assertThat(found.get(0).reportedBy()).hasValue("edge-gateway");
        assertThat(found.get(1).reportedBy()).isEmpty();
    }

    @Test
    void keepsTheAttemptsOfAnAggregatedFailure() {
        ActivityEvent aggregated = anEvent().forPass(passId).ofType(ActivityType.ERROR).at(T0)
                .withEndpoint("/oauth/token").withMethod("POST").failed(401, "secret_mismatch").withAttempts(57).build();
        append(aggregated);

        assertThat(tx((StorageSession session) -> session.activity().find(all(), PageRequest.first())).items())
                .singleElement().satisfies(event -> assertThat(event.attempts()).isEqualTo(57));
    }

    @Test
    void listsNewestFirstWithLaterAppendsFirstAmongEqualTimes() {
        ActivityEvent early = event(T0);
        ActivityEvent late = event(T0.plusSeconds(60));
        ActivityEvent sameTimeFirst = anEvent().forPass(passId).at(T0.plusSeconds(30)).withEndpoint("/a").build();
        ActivityEvent sameTimeSecond = anEvent().forPass(passId).at(T0.plusSeconds(30)).withEndpoint("/b").build();
        append(early, late, sameTimeFirst);
        append(sameTimeSecond);

        assertThat(tx((StorageSession session) -> session.activity().find(all(), PageRequest.first())).items())
                .containsExactly(late, sameTimeSecond, sameTimeFirst, early);
    }

    @Test
    void returnsOnlyTheFilteredPassesEvents() {
        ActivityEvent mine = event(T0);
        append(mine, anEvent().forPass(TestIds.newPassId()).at(T0.plusSeconds(1)).build());

        assertThat(tx((StorageSession session) -> session.activity().find(all(), PageRequest.first())).items()).containsExactly(mine);
        assertThat(tx((StorageSession session) -> session.activity().count(all()))).isEqualTo(1);
    }

    @Test
    void filtersByType() {
        ActivityEvent token = anEvent().forPass(passId).ofType(ActivityType.TOKEN_GENERATION).withEndpoint("/oauth/token").build();
        append(event(T0), token, anEvent().forPass(passId).ofType(ActivityType.ERROR).failed(401, "bad secret").build());

        assertThat(items(filter(Optional.of(ActivityType.TOKEN_GENERATION), Optional.empty(), Optional.empty())))
                .containsExactly(token);
    }

    @Test
    void filtersBySuccess() {
        ActivityEvent failed = anEvent().forPass(passId).at(T0.plusSeconds(1)).failed(500, "boom").build();
        ActivityEvent succeeded = event(T0);
        append(succeeded, failed);

        assertThat(items(filter(Optional.empty(), Optional.of(false), Optional.empty()))).containsExactly(failed);
        assertThat(items(filter(Optional.empty(), Optional.of(true), Optional.empty()))).containsExactly(succeeded);
    }

    @Test
    void filtersByAnEndpointSubstringIgnoringCase() {
        ActivityEvent orders = anEvent().forPass(passId).withEndpoint("/V1/Orders/42").build();
        append(orders, anEvent().forPass(passId).withEndpoint("/v1/users").build());

        assertThat(items(filter(Optional.empty(), Optional.empty(), Optional.of("orDERs")))).containsExactly(orders);
    }

    @Test
    void treatsWildcardCharactersInTheEndpointFilterLiterally() {
        ActivityEvent percent = anEvent().forPass(passId).withEndpoint("/v1/discount%25_off").build();
        append(percent, anEvent().forPass(passId).withEndpoint("/v1/discount").build(),
                anEvent().forPass(passId).withEndpoint("/v1/discountX25Xoff").build());

        assertThat(items(filter(Optional.empty(), Optional.empty(), Optional.of("%25_")))).containsExactly(percent);
        assertThat(items(filter(Optional.empty(), Optional.empty(), Optional.of("\\")))).isEmpty();
    }

    @Test
    void filtersByAHalfOpenTimeRange() {
        ActivityEvent before = event(T0.minusMillis(1));
        ActivityEvent atStart = event(T0);
        ActivityEvent inside = event(T0.plusSeconds(59));
        ActivityEvent atEnd = event(T0.plusSeconds(60));
        append(before, atStart, inside, atEnd);
        ActivityFilter range = new ActivityFilter(passId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(T0), Optional.of(T0.plusSeconds(60)));

        assertThat(items(range)).containsExactly(inside, atStart);
        assertThat(tx((StorageSession session) -> session.activity().count(range))).isEqualTo(2);
    }

    @Test
    void combinesFilters() {
        ActivityEvent wanted = anEvent().forPass(passId).ofType(ActivityType.ERROR).withEndpoint("/v1/orders")
                .failed(403, "scope").at(T0.plusSeconds(5)).build();
        append(wanted,
                anEvent().forPass(passId).ofType(ActivityType.ERROR).withEndpoint("/v1/users").failed(403, "scope").build(),
                anEvent().forPass(passId).ofType(ActivityType.API_REQUEST).withEndpoint("/v1/orders").build(),
                anEvent().forPass(passId).ofType(ActivityType.ERROR).withEndpoint("/v1/orders").failed(403, "x")
                        .at(T0.plusSeconds(3600)).build());
        ActivityFilter filter = new ActivityFilter(passId, Optional.of(ActivityType.ERROR), Optional.of(false),
                Optional.of("ORDERS"), Optional.of(T0), Optional.of(T0.plusSeconds(60)));

        assertThat(items(filter)).containsExactly(wanted);
    }

    @Test
    void pagesNewestFirstWithTheTotalCount() {
        List<ActivityEvent> events = IntStream.range(0, 23).mapToObj(i -> event(T0.plusSeconds(i))).toList();
        append(events.toArray(ActivityEvent[]::new));

        Page<ActivityEvent> third = tx(session -> session.activity().find(all(), new PageRequest(3, 10)));

        assertThat(third.total()).isEqualTo(23);
        assertThat(third.page()).isEqualTo(3);
        assertThat(third.perPage()).isEqualTo(10);
        assertThat(third.totalPages()).isEqualTo(3);
        assertThat(third.items()).containsExactly(events.get(2), events.get(1), events.get(0));
        assertThat(tx((StorageSession session) -> session.activity().find(all(), new PageRequest(1, 10))).items())
                .first().isEqualTo(events.get(22));
    }

    @Test
    void aPageBeyondTheLastIsEmptyButKeepsTheTotal() {
        append(event(T0));

        Page<ActivityEvent> page = tx(session -> session.activity().find(all(), new PageRequest(5, 25)));

        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void countsMatchingEvents() {
        append(event(T0), event(T0.plusSeconds(1)), anEvent().forPass(passId).failed(500, "x").build());

        assertThat(tx((StorageSession session) -> session.activity().count(all()))).isEqualTo(3);
        assertThat(tx((StorageSession session) -> session.activity().count(filter(Optional.empty(), Optional.of(false), Optional.empty()))))
                .isEqualTo(1);
        assertThat(tx((StorageSession session) -> session.activity().count(ActivityFilter.all(TestIds.newPassId())))).isZero();
    }

    @Test
    void forEachStreamsNewestFirstUpToTheLimit() {
        List<ActivityEvent> events = IntStream.range(0, 5).mapToObj(i -> event(T0.plusSeconds(i))).toList();
        append(events.toArray(ActivityEvent[]::new));
        List<ActivityEvent> seen = new ArrayList<>();

        run(session -> session.activity().forEach(all(), 3, seen::add));

        assertThat(seen).containsExactly(events.get(4), events.get(3), events.get(2));
    }

    @Test
    void forEachAppliesTheFilter() {
        ActivityEvent failed = anEvent().forPass(passId).failed(500, "x").build();
        append(event(T0), failed);
        List<ActivityEvent> seen = new ArrayList<>();

        run(session -> session.activity().forEach(filter(Optional.empty(), Optional.of(false), Optional.empty()), 100, seen::add));

        assertThat(seen).containsExactly(failed);
    }

    @Test
    void lastUsedIsTheStartOfTheNewestEvent() {
        assertThat(tx((StorageSession session) -> session.activity().lastUsed(passId))).isEmpty();
        append(event(T0.plusSeconds(90)), event(T0), anEvent().forPass(TestIds.newPassId()).at(T0.plusSeconds(999)).build());

        assertThat(tx((StorageSession session) -> session.activity().lastUsed(passId))).contains(T0.plusSeconds(90));
    }

    @Test
    void deleteByPassRemovesOnlyThatPassesEvents() {
        PassId other = TestIds.newPassId();
        ActivityEvent kept = anEvent().forPass(other).build();
        append(event(T0), event(T0.plusSeconds(1)), kept);

        assertThat(tx((StorageSession session) -> session.activity().deleteByPass(passId))).isEqualTo(2);

        assertThat(tx((StorageSession session) -> session.activity().count(all()))).isZero();
        assertThat(tx((StorageSession session) -> session.activity().find(ActivityFilter.all(other), PageRequest.first())).items())
                .containsExactly(kept);
    }

    @Test
    void purgeBeforeRemovesOlderEventsOfEveryPass() {
        PassId other = TestIds.newPassId();
        ActivityEvent kept = event(T0);
        append(event(T0.minusSeconds(1)), kept, anEvent().forPass(other).at(T0.minusSeconds(3600)).build());

        assertThat(tx((StorageSession session) -> session.activity().purgeBefore(T0))).isEqualTo(2);

        assertThat(items(all())).containsExactly(kept);
        assertThat(tx((StorageSession session) -> session.activity().count(ActivityFilter.all(other)))).isZero();
    }

    @Test
    void countsAndTotalsAreExactAcrossHourEdgesForEveryFilter() {
        List<ActivityEvent> events = mixedEvents(T0.minusSeconds(2 * 3600), 5 * 3600, 97);
        append(events.subList(0, 40).toArray(ActivityEvent[]::new));
        append(events.subList(40, events.size()).toArray(ActivityEvent[]::new));
        List<Optional<Instant>> bounds = List.of(Optional.empty(), Optional.of(T0.minusSeconds(5400)),
                Optional.of(T0.minusSeconds(3600)), Optional.of(T0.plusSeconds(1)), Optional.of(T0.plusSeconds(7300)));
        for (Optional<ActivityType> type : List.of(Optional.<ActivityType>empty(), Optional.of(ActivityType.ERROR),
                Optional.of(ActivityType.API_REQUEST))) {
            for (Optional<Boolean> success : List.of(Optional.<Boolean>empty(), Optional.of(false), Optional.of(true))) {
                for (Optional<Instant> from : bounds) {
                    for (Optional<Instant> until : bounds) {
                        if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
                            continue;
                        }
                        ActivityFilter filter = new ActivityFilter(passId, type, success, Optional.empty(), from, until);
                        long expected = events.stream().filter(filter::matches).count();
                        assertThat(tx((StorageSession session) -> session.activity().count(filter))).as("%s", filter).isEqualTo(expected);
                        Page<ActivityEvent> page = tx(session -> session.activity().find(filter, new PageRequest(1, 10)));
                        assertThat(page.total()).as("%s", filter).isEqualTo(expected);
                        assertThat(page.totalIsEstimate()).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void pagesThroughBatchesWithOverlappingTimesInExactOrder() {
        List<ActivityEvent> events = mixedEvents(T0, 7200, 150);
        for (int from = 0; from < events.size(); from += 30) {
            append(events.subList(from, Math.min(events.size(), from + 30)).toArray(ActivityEvent[]::new));
        }
        List<ActivityEvent> expected = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            expected.add(events.get(i));
        }
        expected.sort(java.util.Comparator.comparing(ActivityEvent::startedAt).reversed());
        List<ActivityEvent> paged = new ArrayList<>();
        for (int page = 1; page <= 2; page++) {
            int number = page;
            paged.addAll(tx((StorageSession session) -> session.activity().find(all(), new PageRequest(number, 100))).items());
        }
        List<ActivityEvent> streamed = new ArrayList<>();
        run(session -> session.activity().forEach(all(), 1_000, streamed::add));

        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(streamed).containsExactlyElementsOf(expected);
    }

    @Test
    void purgingInsideAnHourKeepsCountsExact() {
        List<ActivityEvent> events = new ArrayList<>(mixedEvents(T0, 3 * 3600, 60));
        append(events.toArray(ActivityEvent[]::new));
        List<ActivityEvent> earlyInTheCutHour = List.of(anEvent().forPass(passId).at(T0.plusSeconds(3600 + 60)).build(),
                anEvent().forPass(passId).at(T0.plusSeconds(3600 + 120)).failed(500, "x").build());
        append(earlyInTheCutHour.toArray(ActivityEvent[]::new));
        events.addAll(earlyInTheCutHour);
        Instant cutoff = T0.plusSeconds(3600 + 1800);

        long purged = tx((StorageSession session) -> session.activity().purgeBefore(cutoff));

        List<ActivityEvent> left = events.stream().filter(event -> !event.startedAt().isBefore(cutoff)).toList();
        assertThat(purged).isEqualTo(events.size() - left.size());
        assertThat(tx((StorageSession session) -> session.activity().count(all()))).isEqualTo(left.size());
        ActivityFilter failed = filter(Optional.empty(), Optional.of(false), Optional.empty());
        assertThat(tx((StorageSession session) -> session.activity().count(failed)))
                .isEqualTo(left.stream().filter(failed::matches).count());
        assertThat(items(all())).containsExactlyInAnyOrderElementsOf(left);
        ActivityFilter cutHour = new ActivityFilter(passId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(T0.plusSeconds(3600)), Optional.of(T0.plusSeconds(7200)));
        ActivityFilter fromCutHour = new ActivityFilter(passId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(T0.plusSeconds(3600)), Optional.empty());
        assertThat(tx((StorageSession session) -> session.activity().count(cutHour))).isEqualTo(left.stream().filter(cutHour::matches).count());
        assertThat(tx((StorageSession session) -> session.activity().count(fromCutHour))).isEqualTo(left.size());
    }

    /** Events of every type, some failed, spread over {@code seconds} from {@code start}, appended out of time order. */
    private List<ActivityEvent> mixedEvents(Instant start, long seconds, int count) {
        List<ActivityEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = start.plusSeconds((i * 7919L) % seconds);
            ActivityType type = ActivityType.values()[i % 3];
            var builder = anEvent().forPass(passId).ofType(type).at(at).withEndpoint("/v1/items/" + (i % 5));
            events.add(i % 4 == 0 ? builder.failed(500, "boom " + i).build() : builder.build());
        }
        return events;
    }

    @Test
    void appendingNothingIsHarmless() {
        run(session -> session.activity().append(List.of()));

        assertThat(tx((StorageSession session) -> session.activity().count(all()))).isZero();
    }

    private ActivityEvent event(Instant at) {
        return anEvent().forPass(passId).at(at).build();
    }

    private void append(ActivityEvent... events) {
        run(session -> session.activity().append(List.of(events)));
    }

    private ActivityFilter all() {
        return ActivityFilter.all(passId);
    }

    private ActivityFilter filter(Optional<ActivityType> type, Optional<Boolean> success, Optional<String> endpoint) {
        return new ActivityFilter(passId, type, success, endpoint, Optional.empty(), Optional.empty());
    }

    private List<ActivityEvent> items(ActivityFilter filter) {
        return tx(session -> session.activity().find(filter, new PageRequest(1, 100))).items();
    }
}
