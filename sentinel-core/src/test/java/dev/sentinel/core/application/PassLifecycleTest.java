package dev.sentinel.core.application;

import dev.sentinel.core.SentinelStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.Sentinel;
import dev.sentinel.core.domain.AllowedNetworks;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.IssuedCredentials;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassNotFoundException;
import dev.sentinel.core.domain.PassState;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.ValidityState;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.domain.activity.ActivityType;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.in.CreatePassCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PassLifecycleTest {

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final Sentinel sentinel = Sentinel.builder().clock(clock).build();
    private final PassService passes = sentinel.passes();

    private CreatedPass create(String project) {
        return passes.create(CreatePassCommand.builder(project).agentName("My Security Agent").agentType("Sourcing Agent")
                .organization("Acme Corp").build());
    }

    @Test
    void createMakesAnActiveAgentUserAndPassTogether() {
        CreatedPass created = create("demo");
        SentinelPass stored = passes.get(created.pass().passId());

        assertThat(stored).isEqualTo(created.pass());
        assertThat(stored.pass().passId().value()).matches("SP-2026-[A-Z0-9]{6}");
        assertThat(stored.pass().state()).isEqualTo(PassState.ACTIVE);
        assertThat(stored.agent().type().value()).isEqualTo("sourcing_agent");
        assertThat(stored.agent().credentials().credentials()).hasSize(1);
        assertThat(stored.agent().credentials().current().hash()).startsWith("$sha256$")
                .doesNotContain(created.credentials().clientSecret().reveal());
        assertThat(stored.pass().createdAt()).isEqualTo(clock.instant());
        assertThat(sentinel.authenticate(created.credentials().clientId().value(),
                created.credentials().clientSecret().reveal()).isSuccess()).isTrue();
    }

    @Test
    void aTakenPassIdIsAConflictAndWritesNothing() {
        passes.create(CreatePassCommand.builder("demo").agentName("One").agentType("a").passId("SP-2026-AAAAAA").build());

        assertThatThrownBy(() -> passes.create(CreatePassCommand.builder("demo").agentName("Two").agentType("b")
                .passId("SP-2026-AAAAAA").build()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("pass_id SP-2026-AAAAAA is taken");
        assertThat(passes.list(new ProjectId("demo"))).hasSize(1);
    }

    @Test
    void invalidInputWritesNothing() {
        assertThatThrownBy(() -> passes.create(CreatePassCommand.builder("demo").agentName("Bad!").agentType("b").build()))
                .isInstanceOf(ValidationException.class);
        assertThat(passes.list(new ProjectId("demo"))).isEmpty();
        List<AuditEntry> audit = SentinelStorage.of(sentinel).read(session -> session.audit().recent(10));
        assertThat(audit).isEmpty();
    }

    @Test
    void listsPassesOfOneProjectOldestFirst() {
        CreatedPass first = create("demo");
        clock.advance(Duration.ofSeconds(1));
        CreatedPass second = create("demo");
        create("other");

        assertThat(passes.list(new ProjectId("demo"))).extracting(SentinelPass::passId)
                .containsExactly(first.pass().passId(), second.pass().passId());
    }

    @Test
    void listsEveryProjectsPassesByProjectNameThenOldestFirst() {
        CreatedPass zeta = create("zeta");
        clock.advance(Duration.ofSeconds(1));
        CreatedPass firstDemo = create("demo");
        clock.advance(Duration.ofSeconds(1));
        CreatedPass secondDemo = create("demo");

        assertThat(passes.listAll()).extracting(SentinelPass::passId)
                .containsExactly(firstDemo.pass().passId(), secondDemo.pass().passId(), zeta.pass().passId());
    }

    @Test
    void unknownPassesAreNotFound() {
        PassId missing = new PassId("SP-2026-ZZZZZZ");

        assertThatThrownBy(() -> passes.get(missing)).isInstanceOf(PassNotFoundException.class)
                .hasMessage("no pass with pass_id SP-2026-ZZZZZZ");
        assertThatThrownBy(() -> passes.toggle(missing)).isInstanceOf(PassNotFoundException.class);
        assertThatThrownBy(() -> passes.delete(missing)).isInstanceOf(PassNotFoundException.class);
        assertThatThrownBy(() -> passes.regenerate(missing, Duration.ZERO)).isInstanceOf(PassNotFoundException.class);
        assertThat(passes.find(missing)).isEmpty();
    }

    @Test
    void regenerateInvalidatesTheOldSecretAtOnce() {
        CreatedPass created = create("demo");
        IssuedCredentials fresh = passes.regenerate(created.pass().passId(), Duration.ZERO);

        assertThat(fresh.clientId()).isEqualTo(created.credentials().clientId());
        assertThat(authenticate(created.credentials())).contains(AuthenticationFailure.SECRET_MISMATCH);
        assertThat(authenticate(fresh)).isEmpty();
    }

    @Test
    void regenerateWithGraceKeepsTheOldSecretUntilTheGraceEnds() {
        CreatedPass created = create("demo");
        IssuedCredentials fresh = passes.regenerate(created.pass().passId(), Duration.ofHours(1));

        assertThat(authenticate(created.credentials())).isEmpty();
        assertThat(authenticate(fresh)).isEmpty();
        clock.advance(Duration.ofHours(1));
        assertThat(authenticate(created.credentials())).contains(AuthenticationFailure.SECRET_EXPIRED);
        assertThat(authenticate(fresh)).isEmpty();
    }

    @Test
    void aSecondRotationDropsTheSecretStillInGrace() {
        CreatedPass created = create("demo");
        IssuedCredentials second = passes.regenerate(created.pass().passId(), Duration.ofHours(1));
        IssuedCredentials third = passes.regenerate(created.pass().passId(), Duration.ofHours(1));

        assertThat(authenticate(created.credentials())).contains(AuthenticationFailure.SECRET_MISMATCH);
        assertThat(authenticate(second)).isEmpty();
        assertThat(authenticate(third)).isEmpty();
        assertThat(passes.get(created.pass().passId()).agent().credentials().credentials()).hasSize(2);
    }

    @Test
    void graceMustBeBetweenZeroAndThirtyDays() {
        PassId passId = create("demo").pass().passId();

        assertThatThrownBy(() -> passes.regenerate(passId, Duration.ofSeconds(-1)))
                .isInstanceOf(ValidationException.class).hasMessage("grace_period: must be between 0 and 30 days");
        assertThatThrownBy(() -> passes.regenerate(passId, Duration.ofDays(31))).isInstanceOf(ValidationException.class);
    }

    @Test
    void toggleDeactivatesAndReactivates() {
        CreatedPass created = create("demo");
        PassId passId = created.pass().passId();

        assertThat(passes.toggle(passId).pass().state()).isEqualTo(PassState.INACTIVE);
        assertThat(authenticate(created.credentials())).contains(AuthenticationFailure.PASS_INACTIVE);
        assertThat(passes.toggle(passId).pass().state()).isEqualTo(PassState.ACTIVE);
        assertThat(authenticate(created.credentials())).isEmpty();
    }

    @Test
    void revokeKeepsThePassAndOnlyActivateUndoesIt() {
        CreatedPass created = create("demo");
        PassId passId = created.pass().passId();
        record(passId);

        SentinelPass revoked = passes.revoke(passId);

        assertThat(revoked.pass().state()).isEqualTo(PassState.REVOKED);
        assertThat(revoked.pass().state().status()).isEqualTo("inactive");
        assertThat(authenticate(created.credentials())).contains(AuthenticationFailure.PASS_REVOKED);
        assertThatThrownBy(() -> passes.toggle(passId)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("activate it");
        assertThat(activityCount(passId)).isEqualTo(1);
        assertThat(passes.activate(passId).pass().state()).isEqualTo(PassState.ACTIVE);
        assertThat(authenticate(created.credentials())).isEmpty();
    }

    @Test
    void deleteRemovesPassAgentUserAndActivityButKeepsTheAudit() {
        CreatedPass created = create("demo");
        PassId passId = created.pass().passId();
        record(passId);

        passes.delete(passId);

        assertThat(passes.find(passId)).isEmpty();
        Optional<?> agent = SentinelStorage.of(sentinel).read(s -> s.agentUsers().find(created.credentials().clientId()));
        assertThat(agent).isEmpty();
        assertThat(activityCount(passId)).isZero();
        assertThat(authenticate(created.credentials())).contains(AuthenticationFailure.UNKNOWN_CLIENT);
        List<AuditEntry> audit = SentinelStorage.of(sentinel).read(s -> s.audit().forPass(passId.value()));
        assertThat(audit).extracting(AuditEntry::action).containsExactly("pass.create", "pass.delete");
    }

    @Test
    void everyChangeIsAuditedWithItsActor() {
        PassId passId = create("demo").pass().passId();
        PassService asAdmin = passes.as(new Actor("admin-api"));
        asAdmin.toggle(passId);
        asAdmin.regenerate(passId, Duration.ZERO);
        asAdmin.revoke(passId);
        asAdmin.activate(passId);

        List<AuditEntry> audit = SentinelStorage.of(sentinel).read(s -> s.audit().forPass(passId.value()));
        assertThat(audit).extracting(AuditEntry::action)
                .containsExactly("pass.create", "pass.toggle", "pass.regenerate", "pass.revoke", "pass.activate");
        assertThat(audit).extracting(AuditEntry::actor).containsExactly("library", "admin-api", "admin-api", "admin-api", "admin-api");
        assertThat(audit.get(1).detail()).isEqualTo("active -> inactive");
    }

    @Test
    void changingAllowedNetworksIsAuditedWithOldAndNewValues() {
        PassId passId = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent").agentType("bot")
                .allowedIps(List.of("10.0.0.0/8")).build()).pass().passId();

        SentinelPass rebound = sentinel.passes().as(new Actor("admin-api"))
                .changeAllowedNetworks(passId, AllowedNetworks.parseList("2001:db8::/32,192.0.2.0/24"));
        sentinel.passes().as(new Actor("admin-api")).changeAllowedNetworks(passId, AllowedNetworks.any());

        assertThat(rebound.pass().allowedNetworks().texts()).containsExactly("2001:db8::/32", "192.0.2.0/24");
        assertThat(sentinel.passes().get(passId).pass().allowedNetworks().isUnrestricted()).isTrue();
        List<AuditEntry> audit = SentinelStorage.of(sentinel).read(s -> s.audit().forPass(passId.value()));
        assertThat(audit).extracting(AuditEntry::action).containsExactly("pass.create", "pass.allowed_ips", "pass.allowed_ips");
        assertThat(audit.get(0).detail()).endsWith("allowed_ips=10.0.0.0/8");
        assertThat(audit.get(1).detail()).isEqualTo("allowed_ips 10.0.0.0/8 -> 2001:db8::/32,192.0.2.0/24");
        assertThat(audit.get(2).detail()).isEqualTo("allowed_ips 2001:db8::/32,192.0.2.0/24 -> any");
    }

    @Test
    void permissionsViewShowsBreakdownProfileAndValidity() {
        PassId passId = passes.create(CreatePassCommand.builder("demo").agentName("A").agentType("b")
                .permissions("read:data,admin:users").validUntil("2026-12-20").build()).pass().passId();

        var view = passes.permissions(passId);

        assertThat(view.breakdown()).extracting(l -> l.permission() + "=" + l.label())
                .containsExactly("read:data=Read Data", "admin:users=Admin Users");
        assertThat(view.accessProfile().code()).isEqualTo("elevated");
        assertThat(view.validityState()).isEqualTo(ValidityState.EXPIRING_SOON);
        assertThat(view.capabilities()).contains("API Access", "Data Read", "Administration");
    }

    private Optional<AuthenticationFailure> authenticate(IssuedCredentials credentials) {
        return sentinel.authenticate(credentials.clientId().value(), credentials.clientSecret().reveal()).failure();
    }

    private void record(PassId passId) {
        new StoringActivityRecorder(SentinelStorage.of(sentinel)).record(new ActivityEvent(passId, ActivityType.API_REQUEST,
                Instant.parse("2026-11-26T09:00:00Z"), "/v1/orders", "GET", true, 200, 12, Optional.empty(),
                Optional.empty(), Optional.empty(), "{}"));
    }

    private long activityCount(PassId passId) {
        return SentinelStorage.of(sentinel).read(s -> s.activity().count(ActivityFilter.all(passId)));
    }
}
