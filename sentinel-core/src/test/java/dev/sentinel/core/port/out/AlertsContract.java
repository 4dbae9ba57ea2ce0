package dev.sentinel.core.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.StoringActivityRecorder;
import dev.sentinel.core.application.alert.AlertService;
import dev.sentinel.core.application.webhook.WebhookEvents;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.domain.alert.Alert;
import dev.sentinel.core.domain.alert.AlertKind;
import dev.sentinel.core.port.in.CreatePassCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of alert evaluation on a store: rules fire once per episode, clear once, publish both as webhook events,
 * and only the holder of the cluster's lease evaluates. Runs against every adapter.
 */
public abstract class AlertsContract extends StorageContractSupport {

    /** What a webhook seam was given, in order. */
    public record Published(ProjectId project, String type, String eventId, Map<String, Object> data) {
    }

    /** An in-memory recorder in place of the webhooks. */
    public static final class Recorder implements WebhookEvents {
        public final List<Published> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(ProjectId project, String type, String eventId, Map<String, Object> data) {
            events.add(new Published(project, type, eventId, data));
        }
    }

    protected final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    protected final Recorder webhooks = new Recorder();

    private Sentinel sentinel() {
        return Sentinel.builder().storage(storage()).clock(clock).build();
    }

    private PassId pass(Sentinel sentinel, String project, String validUntil) {
        return sentinel.passes().create(CreatePassCommand.builder(project).agentName("Agent").agentType("Agent")
                .validUntil(validUntil).build()).pass().passId();
    }

    private void requests(PassId pass, int ok, int failed) {
        List<ActivityEvent> events = new ArrayList<>();
        Instant at = clock.instant().minusSeconds(60);
        for (int i = 0; i < ok + failed; i++) {
            boolean success = i < ok;
            events.add(new ActivityEvent(pass, ActivityType.API_REQUEST, at.plusMillis(i), "/orders", "GET", success,
                    success ? 200 : 500, 5, Optional.empty(), Optional.empty(), Optional.empty(), "{}", 1,
                    Optional.empty()));
        }
        new StoringActivityRecorder(storage()).recordAll(events);
    }

    @Test
    void aPassValidFiveMoreDaysFiresOneExpiringAlertThenClearsItWhenItExpires() {
        Sentinel sentinel = sentinel();
        PassId pass = pass(sentinel, "fleet", "2026-03-05");
        AlertService alerts = new AlertService(storage(), clock, webhooks);
        alerts.createRule(new ProjectId("fleet"), "pass.expiring", List.of(), null, null, null);
        alerts.createRule(new ProjectId("fleet"), "pass.expired", List.of(), null, null, null);

        assertThat(alerts.evaluate()).isEqualTo(new AlertService.Evaluation(true, 1, 0));
        assertThat(alerts.evaluate()).isEqualTo(new AlertService.Evaluation(true, 0, 0));

        List<Alert> open = alerts.alerts(List.of(new ProjectId("fleet")), false, 10);
        assertThat(open).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.PASS_EXPIRING);
            assertThat(alert.passId()).isEqualTo(pass);
            assertThat(alert.stage()).isEqualTo("7d");
            assertThat(alert.firedAt()).isEqualTo(clock.instant());
        });
        assertThat(webhooks.events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("pass.expiring");
            assertThat(event.eventId()).isEqualTo(open.get(0).id() + ".fired");
            assertThat(event.data()).containsEntry("state", "firing").containsEntry("pass_id", pass.value())
                    .containsEntry("stage", "7d").containsEntry("project", "fleet");
        });

        clock.advance(Duration.ofDays(4).plusHours(1)); // 23 h left: the 1-day stage, a new episode
        assertThat(alerts.evaluate()).isEqualTo(new AlertService.Evaluation(true, 1, 1));
        clock.advance(Duration.ofDays(1)); // expired
        assertThat(alerts.evaluate()).isEqualTo(new AlertService.Evaluation(true, 1, 1));

        assertThat(alerts.alerts(List.of(), false, 10)).singleElement()
                .satisfies(alert -> assertThat(alert.kind()).isEqualTo(AlertKind.PASS_EXPIRED));
        List<Alert> all = alerts.alerts(List.of(), true, 10);
        assertThat(all).hasSize(3);
        assertThat(all.stream().filter(alert -> !alert.open()).map(Alert::stage)).containsExactlyInAnyOrder("7d", "1d");
        // each evaluation publishes what it found; rules made in the same instant may be evaluated in either order
        assertThat(webhooks.events.subList(0, 3)).extracting(Published::type, event -> event.data().get("state"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pass.expiring", "firing"),
                        org.assertj.core.groups.Tuple.tuple("pass.expiring", "cleared"),
                        org.assertj.core.groups.Tuple.tuple("pass.expiring", "firing"));
        assertThat(webhooks.events.subList(3, 5)).extracting(Published::type, event -> event.data().get("state"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("pass.expiring", "cleared"),
                        org.assertj.core.groups.Tuple.tuple("pass.expired", "firing"));
    }

    @Test
    void aBurstOfFailingRequestsFiresOneErrorRateAlertThatClearsWhenTheWindowMovesOn() {
        Sentinel sentinel = sentinel();
        PassId noisy = pass(sentinel, "shop", "2027-01-01");
        PassId quiet = pass(sentinel, "shop", "2027-01-01");
        AlertService alerts = new AlertService(storage(), clock, webhooks);
        alerts.createRule(new ProjectId("shop"), "error_rate.high", List.of(), null, null, null);
        requests(noisy, 18, 2); // 10 % of 20
        requests(quiet, 10, 9); // 19 requests: below the minimum of 20

        assertThat(alerts.evaluate()).isEqualTo(new AlertService.Evaluation(true, 1, 0));
        clock.advance(Duration.ofMinutes(1));
        assertThat(alerts.evaluate()).isEqualTo(new AlertService.Evaluation(true, 0, 0));
        assertThat(alerts.alerts(List.of(), false, 10)).singleElement().satisfies(alert -> {
            assertThat(alert.passId()).isEqualTo(noisy);
            assertThat(alert.detail()).startsWith("2 of 20 requests failed in the last 15 minutes");
        });

        clock.advance(Duration.ofMinutes(15)); // the burst is out of the window
        assertThat(alerts.evaluate()).isEqualTo(new AlertService.Evaluation(true, 0, 1));
        assertThat(alerts.alerts(List.of(), false, 10)).isEmpty();
        assertThat(alerts.alerts(List.of(), true, 10)).singleElement()
                .satisfies(alert -> assertThat(alert.clearedAt()).contains(clock.instant()));
        assertThat(webhooks.events).extracting(Published::eventId).hasSize(2).doesNotHaveDuplicates();
        assertThat(webhooks.events.get(1).data()).containsEntry("state", "cleared")
                .containsEntry("cleared_at", clock.instant().toString());
    }

    @Test
    void aRuleNarrowedToAPassAndAThresholdWatchesOnlyThatPass() {
        Sentinel sentinel = sentinel();
        PassId watched = pass(sentinel, "shop", "2027-01-01");
        PassId other = pass(sentinel, "shop", "2027-01-01");
        AlertService alerts = new AlertService(storage(), clock, webhooks);
        alerts.createRule(new ProjectId("shop"), "error_rate.high", List.of(watched), 50.0, 5, 4);
        requests(watched, 2, 3);
        requests(other, 2, 3);

        assertThat(alerts.evaluate().fired()).isEqualTo(1);
        assertThat(alerts.alerts(List.of(), false, 10)).extracting(Alert::passId).containsExactly(watched);
    }

    @Test
    void onlyTheHolderOfTheLeaseEvaluatesUntilItLapses() {
        Sentinel sentinel = sentinel();
        pass(sentinel, "fleet", "2026-03-05");
        AlertService first = new AlertService(storage(), clock, webhooks);
        AlertService second = new AlertService(storage(), clock, webhooks);
        first.createRule(new ProjectId("fleet"), "pass.expiring", List.of(), null, null, null);

        assertThat(first.evaluate().leaseHeld()).isTrue();
        assertThat(second.evaluate()).isEqualTo(new AlertService.Evaluation(false, 0, 0));
        clock.advance(Duration.ofSeconds(AlertService.LEASE_SECONDS - 1));
        assertThat(second.evaluate().leaseHeld()).isFalse();
        clock.advance(Duration.ofSeconds(1)); // the first node stopped renewing
        assertThat(second.evaluate()).isEqualTo(new AlertService.Evaluation(true, 0, 0));
        assertThat(first.evaluate().leaseHeld()).isFalse();
        assertThat(webhooks.events).hasSize(1);
    }

    @Test
    void aBrokenRuleNamesEveryBrokenFieldAndStoresNothing() {
        Sentinel sentinel = sentinel();
        pass(sentinel, "shop", "2027-01-01");
        AlertService alerts = new AlertService(storage(), clock, webhooks);

        assertThatThrownBy(() -> alerts.createRule(new ProjectId("shop"), "quota.reached",
                List.of(PassId.of("SP-0000-NOPASS")), 0.0, 0, 0))
                .isInstanceOfSatisfying(ValidationException.class, failure -> assertThat(failure.violations())
                        .extracting(violation -> violation.field()).containsExactly("kind", "error_rate_percent",
                                "window_minutes", "min_requests", "passes"));
        assertThatThrownBy(() -> alerts.createRule(new ProjectId("nowhere"), "pass.rotated", List.of(), null, null,
                null)).isInstanceOfSatisfying(ValidationException.class, failure -> assertThat(failure.violations())
                .extracting(violation -> violation.field()).containsExactly("kind", "project"));
        assertThat(alerts.rules(List.of())).isEmpty();
    }

    @Test
    void deletingARuleDeletesItsAlerts() {
        Sentinel sentinel = sentinel();
        pass(sentinel, "fleet", "2026-03-05");
        AlertService alerts = new AlertService(storage(), clock, webhooks);
        String rule = alerts.createRule(new ProjectId("fleet"), "pass.expiring", List.of(), null, null, null).id();
        alerts.evaluate();

        assertThat(alerts.deleteRule(rule)).isTrue();
        assertThat(alerts.deleteRule(rule)).isFalse();
        assertThat(alerts.alerts(List.of(), true, 10)).isEmpty();
    }
}
