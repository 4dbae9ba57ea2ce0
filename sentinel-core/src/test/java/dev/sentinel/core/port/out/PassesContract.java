package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestAgentUsers.defaultAgentUser;
import static dev.sentinel.core.fixtures.TestEvents.anEvent;
import static dev.sentinel.core.fixtures.TestPasses.defaultPass;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.domain.AccessLevel;
import dev.sentinel.core.domain.AgentUser;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.Credential;
import dev.sentinel.core.domain.CredentialType;
import dev.sentinel.core.domain.DateBounds;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.PassState;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ProjectSummary;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.domain.UsageType;
import dev.sentinel.core.domain.Visibility;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.PassUse;
import dev.sentinel.core.fixtures.TestIds;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link Passes}, for every adapter. */
public abstract class PassesContract extends StorageContractSupport {

    @Test
    void findsAnAddedPassWithEveryField() {
        AgentUser agent = defaultAgentUser().build();
        Pass pass = defaultPass().forAgent(agent).withProject("acme-prod").withAccessLevel(AccessLevel.ENTERPRISE)
                .withOrganization("Acme Corp").withUsageType(UsageType.MCP_SERVER)
                .withValidity(LocalDate.parse("2026-11-26"), LocalDate.parse("2027-11-26"))
                .withPermissions("read:data,admin:users").withScopes("https://api.example.com/orders inventory")
                .withCredentialType(CredentialType.API_KEY).withVisibility(Visibility.PRIVATELY_VISIBLE)
                .withIntegrationNotes("Rotates monthly; owner: platform team").withState(PassState.INACTIVE)
                .withAllowedAudiences("https://orders.example.com", "urn:example:billing")
                .withCreatedAt(T0).withUpdatedAt(T0.plusSeconds(90)).build();
        run(session -> {
            session.agentUsers().add(agent);
            session.passes().add(pass);
        });

        assertThat(tx((StorageSession session) -> session.passes().find(pass.passId()))).contains(pass);
    }

    @Test
    void keepsTheFirstAndLastAcceptedDaysExactly() {
        for (LocalDate[] validity : List.of(
                new LocalDate[] {DateBounds.FIRST_DAY, DateBounds.FIRST_DAY.plusDays(1)},
                new LocalDate[] {DateBounds.LAST_DAY.minusYears(1), DateBounds.LAST_DAY})) {
            AgentUser agent = defaultAgentUser().build();
            Pass pass = defaultPass().forAgent(agent).withValidity(validity[0], validity[1]).build();
            run(session -> {
                session.agentUsers().add(agent);
                session.passes().add(pass);
            });

            assertThat(tx((StorageSession session) -> session.passes().find(pass.passId())).orElseThrow().validity())
                    .isEqualTo(pass.validity());
        }
    }

    @Test
    void readsAClientsAgentUserWithEveryCredentialAndItsPassTogether() {
        Credential current = Credential.current("$sha256$" + "cd".repeat(32), T0.plusSeconds(60));
        Credential previous = new Credential("$sha256$" + "ab".repeat(32), T0, Optional.of(T0.plus(Duration.ofHours(1))));
        AgentUser agent = defaultAgentUser().withDescription("reads invoices").withCredentials(current, previous).build();
        Pass pass = defaultPass().forAgent(agent).withOrganization("Acme Corp").build();
        Pass otherPass = givenStoredPass();
        run(session -> {
            session.agentUsers().add(agent);
            session.passes().add(pass);
        });

        SentinelPass found = tx(session -> session.sentinelPass(agent.clientId())).orElseThrow();

        assertThat(found.agent()).isEqualTo(agent);
        assertThat(found.agent().credentials().credentials()).containsExactly(current, previous);
        assertThat(found.pass()).isEqualTo(pass);
        assertThat(tx(session -> session.sentinelPass(otherPass.clientId())).orElseThrow().pass()).isEqualTo(otherPass);
    }

    @Test
    void readsNoSentinelPassForAnUnknownClientOrAnAgentUserWithoutAPass() {
        givenStoredPass();
        AgentUser passless = defaultAgentUser().build();
        run(session -> session.agentUsers().add(passless));

        assertThat(tx((StorageSession session) -> session.sentinelPass(passless.clientId()))).isEmpty();
        assertThat(tx((StorageSession session) -> session.sentinelPass(defaultAgentUser().build().clientId()))).isEmpty();
    }

    @Test
    void keepsOptionalFieldsEmpty() {
        Pass pass = givenStoredPass();

        Pass found = tx(session -> session.passes().find(pass.passId())).orElseThrow();
        assertThat(found).isEqualTo(pass);
        assertThat(found.organization()).isEmpty();
        assertThat(found.integrationNotes()).isEmpty();
        assertThat(found.scopes().isEmpty()).isTrue();
        assertThat(found.allowedAudiences().isEmpty()).isTrue();
        assertThat(found.allowedNetworks().isUnrestricted()).isTrue();
    }

    @Test
    void keepsAllowedNetworksOfBothFamiliesInOrder() {
        Pass pass = storePass(defaultPass().withAllowedIps("10.0.0.0/8,2001:db8::/32,192.0.2.7"));

        Pass found = tx((StorageSession session) -> session.passes().find(pass.passId())).orElseThrow();
        assertThat(found).isEqualTo(pass);
        assertThat(found.allowedNetworks().texts()).containsExactly("10.0.0.0/8", "2001:db8::/32", "192.0.2.7/32");
        assertThat(tx((StorageSession session) -> session.sentinelPass(pass.clientId())).orElseThrow().pass()
                .allowedNetworks()).isEqualTo(found.allowedNetworks());
    }

    @Test
    void keepsTheInlineKeysOfAKeyPassAndReplacesThemWithAJwksUri() {
        String jwks = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\","
                + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}";
        AgentUser agent = defaultAgentUser().build();
        Pass pass = defaultPass().forAgent(agent).withKeys(dev.sentinel.core.domain.PassKeys.inline(jwks, true)).build();
        run(session -> {
            session.agentUsers().add(agent);
            session.passes().add(pass);
        });
        assertThat(tx((StorageSession session) -> session.passes().find(pass.passId()))).contains(pass);
        assertThat(tx((StorageSession session) -> session.sentinelPass(pass.clientId())).orElseThrow().pass())
                .isEqualTo(pass);

        Pass remote = pass.withKeys(dev.sentinel.core.domain.PassKeys.remote(
                java.net.URI.create("https://agent.example.com/jwks.json"), false), true, T0.plusSeconds(5));
        run(session -> session.passes().update(remote));

        Pass found = tx((StorageSession session) -> session.passes().find(pass.passId())).orElseThrow();
        assertThat(found).isEqualTo(remote);
        assertThat(found.keys().jwks()).isEmpty();
        assertThat(found.generation()).isEqualTo(pass.generation() + 1);
    }

    @Test
    void aPassWithASecretHasNoKeys() {
        Pass pass = storePass(defaultPass());

        assertThat(tx((StorageSession session) -> session.passes().find(pass.passId())).orElseThrow().keys())
                .isEqualTo(dev.sentinel.core.domain.PassKeys.none());
    }

    @Test
    void updateReplacesTheAllowedNetworksAndClearsThem() {
        Pass pass = storePass(defaultPass().withAllowedIps("10.0.0.0/8"));
        Pass rebound = pass.withAllowedNetworks(dev.sentinel.core.domain.AllowedNetworks.parseList("::1/128, 127.0.0.0/8"),
                T0.plusSeconds(5));

        run(session -> session.passes().update(rebound));
        assertThat(tx((StorageSession session) -> session.passes().find(pass.passId())).orElseThrow()).isEqualTo(rebound);

        Pass cleared = rebound.withAllowedNetworks(dev.sentinel.core.domain.AllowedNetworks.any(), T0.plusSeconds(6));
        run(session -> session.passes().update(cleared));
        Pass found = tx((StorageSession session) -> session.passes().find(pass.passId())).orElseThrow();
        assertThat(found.allowedNetworks().isUnrestricted()).isTrue();
        assertThat(found.updatedAt()).isEqualTo(T0.plusSeconds(6));
    }

    @Test
    void findsNothingForAnUnknownPassId() {
        givenStoredPass();

        assertThat(tx((StorageSession session) -> session.passes().find(TestIds.newPassId()))).isEmpty();
        assertThat(tx((StorageSession session) -> session.passes().findForUpdate(TestIds.newPassId()))).isEmpty();
    }

    @Test
    void rejectsATakenPassIdAsAConflictOnPassId() {
        Pass pass = givenStoredPass();
        AgentUser otherAgent = defaultAgentUser().build();
        Pass twin = defaultPass().forAgent(otherAgent).withPassId(pass.passId()).build();

        assertThatThrownBy(() -> run(session -> {
            session.agentUsers().add(otherAgent);
            session.passes().add(twin);
        })).isInstanceOfSatisfying(ConflictException.class, conflict -> assertThat(conflict.field()).isEqualTo("pass_id"));

        assertThat(tx((StorageSession session) -> session.passes().find(pass.passId()))).contains(pass);
        assertThat(tx((StorageSession session) -> session.agentUsers().find(otherAgent.clientId()))).isEmpty();
    }

    @Test
    void findForUpdateReturnsTheStoredPass() {
        Pass pass = givenStoredPass();

        assertThat(tx((StorageSession session) -> session.passes().findForUpdate(pass.passId()))).contains(pass);
    }

    @Test
    void findsAPassByItsClientId() {
        Pass pass = givenStoredPass();
        givenStoredPass();

        assertThat(tx((StorageSession session) -> session.passes().findByClientId(pass.clientId()))).contains(pass);
        assertThat(tx((StorageSession session) -> session.passes().findByClientId(TestIds.newClientId()))).isEmpty();
    }

    @Test
    void listsAProjectsPassesOldestFirst() {
        Pass newer = storePass(defaultPass().withProject("alpha").withCreatedAt(T0.plusSeconds(20)));
        Pass older = storePass(defaultPass().withProject("alpha").withCreatedAt(T0));
        storePass(defaultPass().withProject("beta").withCreatedAt(T0.plusSeconds(10)));

        assertThat(tx((StorageSession session) -> session.passes().listByProject(new ProjectId("alpha")))).containsExactly(older, newer);
        assertThat(tx((StorageSession session) -> session.passes().listByProject(new ProjectId("gamma")))).isEmpty();
    }

    @Test
    void summarisesEveryProjectWithItsPassCountAndLatestActivity() {
        Pass usedEarly = storePass(defaultPass().withProject("acme"));
        Pass usedLate = storePass(defaultPass().withProject("acme"));
        storePass(defaultPass().withProject("acme"));
        storePass(defaultPass().withProject("Beta-2"));
        Pass alone = storePass(defaultPass().withProject("zeta_ops"));
        run(session -> session.activity().append(List.of(
                anEvent().forPass(usedEarly.passId()).at(T0.plusSeconds(5)).build(),
                anEvent().forPass(usedLate.passId()).at(T0.plusMillis(90_250)).build(),
                anEvent().forPass(usedEarly.passId()).at(T0.plusSeconds(30)).build(),
                anEvent().forPass(alone.passId()).at(T0.minusSeconds(3600)).build())));

        List<ProjectSummary> projects = tx(session -> session.passes().projects());

        assertThat(projects).containsExactly(
                new ProjectSummary(new ProjectId("Beta-2"), 1, Optional.empty()),
                new ProjectSummary(new ProjectId("acme"), 3, Optional.of(T0.plusMillis(90_250))),
                new ProjectSummary(new ProjectId("zeta_ops"), 1, Optional.of(T0.minusSeconds(3600))));
    }

    @Test
    void sumsEveryPassOfAProjectOverItsWholeLifeInOneRead() {
        Pass busy = storePass(defaultPass().withProject("acme"));
        Pass idle = storePass(defaultPass().withProject("acme"));
        Pass elsewhere = storePass(defaultPass().withProject("beta"));
        List<ActivityEvent> events = List.of(
                anEvent().forPass(busy.passId()).at(T0.minus(Duration.ofDays(40))).withDurationMs(100).build(),
                anEvent().forPass(busy.passId()).at(T0.plusSeconds(5)).withDurationMs(20).build(),
                anEvent().forPass(busy.passId()).at(T0.plusMillis(7_250)).failed(502, "upstream").withDurationMs(30)
                        .withAttempts(3).build(),
                anEvent().forPass(elsewhere.passId()).at(T0.plusSeconds(60)).withDurationMs(10).build());
        run(session -> {
            session.activity().append(events);
            session.usage().add(events);
        });

        Map<dev.sentinel.core.domain.PassId, PassUse> use = tx(session -> session.passes().useByProject(new ProjectId("acme")));

        assertThat(use).containsOnlyKeys(busy.passId(), idle.passId());
        assertThat(use.get(busy.passId())).isEqualTo(new PassUse(5, 2, 100 + 20 + 3 * 30, Optional.of(T0.plusMillis(7_250))));
        assertThat(use.get(idle.passId())).isEqualTo(PassUse.NONE);
        assertThat(tx((StorageSession session) -> session.passes().useByProject(new ProjectId("gamma")))).isEmpty();
    }

    @Test
    void aProjectWhoseLastPassIsDeletedIsNoLongerListed() {
        Pass only = storePass(defaultPass().withProject("short-lived"));
        storePass(defaultPass().withProject("kept"));
        assertThat(tx((StorageSession session) -> session.passes().projects())).extracting(ProjectSummary::name)
                .containsExactly(new ProjectId("kept"), new ProjectId("short-lived"));

        run(session -> {
            session.passes().delete(only.passId());
            session.agentUsers().delete(only.clientId());
        });

        assertThat(tx((StorageSession session) -> session.passes().projects()))
                .containsExactly(new ProjectSummary(new ProjectId("kept"), 1, Optional.empty()));
    }

    @Test
    void listsNoProjectsInAnEmptyStore() {
        assertThat(tx((StorageSession session) -> session.passes().projects())).isEmpty();
    }

    @Test
    void updateReplacesTheStateAndUpdateTime() {
        Pass pass = givenStoredPass();
        Pass revoked = pass.withState(PassState.REVOKED, T0.plusSeconds(30));

        run(session -> session.passes().update(revoked));

        Pass found = tx(session -> session.passes().find(pass.passId())).orElseThrow();
        assertThat(found.state()).isEqualTo(PassState.REVOKED);
        assertThat(found.updatedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(found).isEqualTo(revoked);
    }

    @Test
    void theGenerationIsKeptAndAdvancedByChangesThatEndTokens() {
        Pass pass = storePass(defaultPass().withGeneration(41));
        assertThat(tx((StorageSession session) -> session.passes().find(pass.passId())).orElseThrow().generation()).isEqualTo(41);

        run(session -> session.passes().update(pass.withState(PassState.INACTIVE, T0.plusSeconds(1))));
        Pass off = tx((StorageSession session) -> session.passes().find(pass.passId())).orElseThrow();
        run(session -> session.passes().update(off.withState(PassState.ACTIVE, T0.plusSeconds(2))));
        Pass on = tx((StorageSession session) -> session.passes().find(pass.passId())).orElseThrow();
        run(session -> session.passes().update(on.nextGeneration(T0.plusSeconds(3))));

        assertThat(off.generation()).isEqualTo(42);
        assertThat(on.generation()).as("turning it on again never goes back").isEqualTo(42);
        assertThat(tx((StorageSession session) -> session.passes().find(pass.passId())).orElseThrow().generation()).isEqualTo(43);
        assertThat(tx((StorageSession session) -> session.sentinelPass(pass.clientId())).orElseThrow().pass().generation())
                .isEqualTo(43);
    }

    @Test
    void deleteRemovesOnlyThatPass() {
        Pass pass = givenStoredPass();
        Pass other = givenStoredPass();

        assertThat(tx((StorageSession session) -> session.passes().delete(pass.passId()))).isTrue();

        assertThat(tx((StorageSession session) -> session.passes().find(pass.passId()))).isEmpty();
        assertThat(tx((StorageSession session) -> session.passes().findByClientId(pass.clientId()))).isEmpty();
        assertThat(tx((StorageSession session) -> session.passes().find(other.passId()))).contains(other);
    }

    @Test
    void deleteReportsWhenThereWasNoPass() {
        assertThat(tx((StorageSession session) -> session.passes().delete(TestIds.newPassId()))).isFalse();
    }

    private Pass storePass(dev.sentinel.core.fixtures.TestPasses.Builder builder) {
        AgentUser agent = defaultAgentUser().build();
        Pass pass = builder.forAgent(agent).build();
        run(session -> {
            session.agentUsers().add(agent);
            session.passes().add(pass);
        });
        return pass;
    }
}
