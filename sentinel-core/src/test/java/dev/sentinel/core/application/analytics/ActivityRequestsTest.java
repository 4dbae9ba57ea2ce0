package dev.sentinel.core.application.analytics;

import dev.sentinel.core.SentinelStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.StoringActivityRecorder;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.domain.activity.Page;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.port.in.CreatePassCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ActivityRequestsTest {

    private static final PassId PASS = new PassId("SP-2026-AAAAAA");

    @Test
    void parsesEveryFilter() {
        ActivityFilter filter = ActivityRequests.filter(PASS, "Token_Generation", "failed", " /v1/Orders ",
                "2026-11-01", "2026-11-26");

        assertThat(filter.type()).contains(ActivityType.TOKEN_GENERATION);
        assertThat(filter.success()).contains(false);
        assertThat(filter.endpointContains()).contains("/v1/Orders");
        assertThat(filter.from()).contains(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(filter.until()).contains(Instant.parse("2026-11-27T00:00:00Z"));
    }

    @Test
    void dateTimeEndsIncludeTheInstantAndOffsetsAreHonoured() {
        ActivityFilter filter = ActivityRequests.filter(PASS, null, "success", null, "2026-11-26T10:00:00+02:00",
                "2026-11-26T12:00:00");

        assertThat(filter.from()).contains(Instant.parse("2026-11-26T08:00:00Z"));
        assertThat(filter.until()).contains(Instant.parse("2026-11-26T12:00:00.001Z"));
        assertThat(ActivityRequests.filter(PASS, null, null, null, null, "2026-11-26T12:00:00.123Z").until())
                .as("an end copied from a reply includes the events of that millisecond")
                .contains(Instant.parse("2026-11-26T12:00:00.124Z"));
        assertThat(filter.success()).contains(true);
    }

    @Test
    void datesOutsideTheYears1970To9999AreRefusedWithTheRange() {
        assertThatThrownBy(() -> ActivityRequests.filter(PASS, null, null, null, "+999999989-12-31",
                "+999999999-12-31T23:59:59.999999999"))
                .isInstanceOfSatisfying(ValidationException.class, failure -> assertThat(failure.violations())
                        .containsExactly(
                                new FieldViolation("start_date", "must be from 1970-01-01 to 9999-12-31 (years "
                                        + "1970-9999, UTC) (got '+999999989-12-31')"),
                                new FieldViolation("end_date", "must be from 1970-01-01 to 9999-12-31 (years "
                                        + "1970-9999, UTC) (got '+999999999-12-31T23:59:59.999999999')")));
        assertThatThrownBy(() -> ActivityRequests.filter(PASS, null, null, null, "1969-12-31T23:59:59Z", "10000-01-01"))
                .isInstanceOfSatisfying(ValidationException.class, failure -> assertThat(failure.violations())
                        .extracting(FieldViolation::field).containsExactly("start_date", "end_date"));
        assertThat(ActivityRequests.filter(PASS, null, null, null, "1970-01-01", "9999-12-31").until())
                .contains(Instant.parse("+10000-01-01T00:00:00Z"));
    }

    @Test
    void blankParametersMeanNoFilter() {
        assertThat(ActivityRequests.filter(PASS, "", " ", null, "", null)).isEqualTo(ActivityFilter.all(PASS));
        assertThat(ActivityRequests.page(null, "")).isEqualTo(new PageRequest(1, 25));
    }

    @Test
    void reportsEveryBadParameterWithTheAllowedValues() {
        assertThatThrownBy(() -> ActivityRequests.filter(PASS, "login", "ok", null, "yesterday", "2026-02-30"))
                .isInstanceOf(ValidationException.class)
                .satisfies(failure -> assertThat(((ValidationException) failure).violations()).containsExactly(
                        new FieldViolation("type", "must be one of api_request, token_generation, error (got 'login')"),
                        new FieldViolation("status", "must be one of success, failed (got 'ok')"),
                        new FieldViolation("start_date", "must be an ISO-8601 date (2026-11-26) or date-time "
                                + "(2026-11-26T10:00:00Z) (got 'yesterday')"),
                        new FieldViolation("end_date", "must be an ISO-8601 date (2026-11-26) or date-time "
                                + "(2026-11-26T10:00:00Z) (got '2026-02-30')")));
    }

    @Test
    void anEndBeforeTheStartIsRefused() {
        assertThatThrownBy(() -> ActivityRequests.filter(PASS, null, null, null, "2026-11-26", "2026-11-01"))
                .hasMessage("end_date: must be after start_date");
    }

    @Test
    void pageSizesAreLimitedToTheListedValues() {
        assertThatThrownBy(() -> ActivityRequests.page("1", "20")).hasMessage("per_page: must be one of 10, 25, 50, 100 (got 20)");
        assertThatThrownBy(() -> ActivityRequests.page("0", "10")).hasMessage("page: must be 1 or more (got 0)");
        assertThatThrownBy(() -> ActivityRequests.page("two", "ten"))
                .hasMessage("page: must be a whole number from 1 (got 'two'); per_page: must be one of 10, 25, 50, 100 (got 'ten')");
        assertThat(ActivityRequests.page("3", "100")).isEqualTo(new PageRequest(3, 100));
    }

    @Test
    void pagesAreNewestFirstAndExportsAreBounded() {
        MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
        Sentinel sentinel = Sentinel.builder().clock(clock).build();
        PassId passId = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("A").agentType("b").build())
                .pass().passId();
        List<ActivityEvent> events = IntStream.range(0, 30).mapToObj(i -> new ActivityEvent(passId,
                ActivityType.API_REQUEST, Instant.parse("2026-11-26T09:00:00Z").plusSeconds(i), "/e" + i, "GET", true,
                200, i, Optional.empty(), Optional.empty(), Optional.empty(), "{}")).toList();
        new StoringActivityRecorder(SentinelStorage.of(sentinel)).recordAll(events);
        ActivityService activity = new ActivityService(SentinelStorage.of(sentinel));

        Page<ActivityEvent> second = activity.page(ActivityFilter.all(passId), new PageRequest(2, 10));
        assertThat(second.total()).isEqualTo(30);
        assertThat(second.totalPages()).isEqualTo(3);
        assertThat(second.items()).extracting(ActivityEvent::endpoint).first().isEqualTo("/e19");

        List<ActivityEvent> exported = new ArrayList<>();
        assertThat(activity.export(ActivityFilter.all(passId), 30, exported::add)).isEqualTo(30);
        assertThat(exported).hasSize(30);
        assertThatThrownBy(() -> activity.export(ActivityFilter.all(passId), 29, exported::add))
                .isInstanceOf(ExportTooLargeException.class)
                .hasMessageStartingWith("the export matches 30 records, more than the limit of 29");
        assertThat(exported).hasSize(30);
    }
}
