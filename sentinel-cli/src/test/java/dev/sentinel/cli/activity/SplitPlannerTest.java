package dev.sentinel.cli.activity;

import static dev.sentinel.cli.ActivitySeed.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.cli.ActivitySeed;
import dev.sentinel.cli.Cli;
import dev.sentinel.cli.CommandFailedException;
import dev.sentinel.core.application.analytics.ActivityService;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner with parts of 10 events, on H2 as in production. */
class SplitPlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dataDir;

    private PassId passId;

    @BeforeEach
    void setUp() {
        passId = new PassId(new Cli(dataDir).createPass().get("pass").get("pass_id").asText());
    }

    @Test
    void cutsBetweenTimestampsSoEqualOnesStayTogether() {
        seed(25, n -> T0.plusSeconds(n / 3));

        SplitPlanner.Plan plan = plan(ActivityFilter.all(passId));

        assertThat(plan.total()).isEqualTo(25);
        List<List<Integer>> parts = plan.parts().stream().map(this::numbersIn).toList();
        assertThat(parts).allSatisfy(part -> assertThat(part).hasSizeBetween(1, 10));
        assertThat(parts.stream().flatMap(List::stream)).hasSize(25).doesNotHaveDuplicates();
        // Timestamps hold 3 events each (the newest holds 1): the newest part takes 1 + 3 * 3 events.
        assertThat(parts.get(0)).hasSize(10);
        assertThat(parts.get(1)).hasSize(9);
    }

    @Test
    void aSmallOrEmptyMatchIsOnePart() {
        seed(10, n -> T0.plusSeconds(n));

        assertThat(plan(ActivityFilter.all(passId)).parts()).hasSize(1);
        ActivityFilter nothing = new ActivityFilter(passId, Optional.empty(), Optional.empty(), Optional.of("/none"),
                Optional.empty(), Optional.empty());
        assertThat(plan(nothing)).isEqualTo(new SplitPlanner.Plan(List.of(nothing), 0));
    }

    @Test
    void keepsToTheFiltersBounds() {
        seed(40, n -> T0.plusSeconds(n));
        ActivityFilter range = new ActivityFilter(passId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(T0.plusSeconds(5)), Optional.of(T0.plusSeconds(30)));

        SplitPlanner.Plan plan = plan(range);

        assertThat(plan.total()).isEqualTo(25);
        assertThat(plan.parts()).hasSize(3);
        assertThat(plan.parts().get(0).until()).contains(T0.plusSeconds(30));
        assertThat(plan.parts().get(2).from()).contains(T0.plusSeconds(5));
        assertThat(plan.parts().stream().flatMap(part -> numbersIn(part).stream()).sorted())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(5, 30).boxed().toList());
    }

    @Test
    void refusesWhenMoreEventsThanAFileHoldsShareOneTimestamp() {
        seed(11, n -> T0);

        assertThatThrownBy(() -> plan(ActivityFilter.all(passId)))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("cannot split the export: more than 10 records share started_at 2026-11-26T10:00:00Z; "
                        + "narrow it with --type, --status or --endpoint");
    }

    private void seed(int count, IntFunction<Instant> startedAt) {
        List<ActivityEvent> events = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            events.add(anEvent(passId.value()).at(startedAt.apply(n)).withUserAgent(Integer.toString(n)).build());
        }
        ActivitySeed.record(dataDir, events);
    }

    private SplitPlanner.Plan plan(ActivityFilter filter) {
        try (JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(dataDir))) {
            return new SplitPlanner(new ActivityService(storage), 10).plan(filter);
        }
    }

    private List<Integer> numbersIn(ActivityFilter part) {
        List<Integer> numbers = new ArrayList<>();
        try (JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(dataDir))) {
            new ActivityService(storage).export(part, 10, event -> numbers.add(Integer.parseInt(event.userAgent().orElseThrow())));
        }
        return numbers;
    }
}
