package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestAgentUsers.defaultAgentUser;
import static dev.sentinel.core.fixtures.TestEvents.anEvent;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.PassService;
import dev.sentinel.core.application.StoringActivityRecorder;
import dev.sentinel.core.domain.AgentUser;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.IssuedCredentials;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassState;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.core.fixtures.FaultInjectingStorage;
import dev.sentinel.core.fixtures.TestServices;
import dev.sentinel.core.port.in.CreatePassCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The transaction contract of {@link Storage}, and the rules of the security model that rest on it: create is atomic,
 * concurrent rotations serialise, delete removes everything and revoke keeps everything.
 */
public abstract class StorageTransactionContract extends StorageContractSupport {

    private static final int THREADS = 8;

    @Test
    void commitsWorkThatReturnsNormally() {
        AgentUser user = defaultAgentUser().build();

        String result = tx(session -> {
            session.agentUsers().add(user);
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(tx((StorageSession session) -> session.agentUsers().find(user.clientId()))).contains(user);
    }

    @Test
    void leavesNothingWhenWorkThrows() {
        AgentUser user = defaultAgentUser().build();

        assertThatThrownBy(() -> storage().inTransaction(session -> {
            session.agentUsers().add(user);
            session.settings().put("half", "written");
            throw new IllegalStateException("injected");
        })).hasMessage("injected");

        assertThat(tx((StorageSession session) -> session.agentUsers().find(user.clientId()))).isEmpty();
        assertThat(tx((StorageSession session) -> session.settings().get("half"))).isEmpty();
    }

    @Test
    void readSeesCommittedWork() {
        Pass pass = givenStoredPass();

        assertThat(storage().read((StorageSession session) -> session.passes().find(pass.passId()))).contains(pass);
    }

    @Test
    void createLeavesNothingWhenThePassWriteFails() {
        PassService failing = TestServices.passService(FaultInjectingStorage.failingPassWrites(storage()));

        assertThatThrownBy(() -> failing.create(TestServices.aCreateCommand()))
                .hasMessage(FaultInjectingStorage.INJECTED);

        assertThat(tx((StorageSession session) -> session.passes().listByProject(new ProjectId("demo")))).isEmpty();
        assertThat(tx((StorageSession session) -> session.audit().recent(10))).isEmpty();
    }

    @Test
    void createWithATakenPassIdLeavesNoSecondAgentUser() {
        PassService passes = TestServices.passService(storage());
        CreatedPass first = passes.create(CreatePassCommand.builder("demo").agentName("First").agentType("bot")
                .passId("SP-2026-TAKEN1").build());

        assertThatThrownBy(() -> passes.create(CreatePassCommand.builder("demo").agentName("Second").agentType("bot")
                .passId("SP-2026-TAKEN1").build())).isInstanceOf(ConflictException.class);

        assertThat(passes.list(new ProjectId("demo"))).extracting(found -> found.clientId())
                .containsExactly(first.credentials().clientId());
    }

    @Test
    void concurrentRegenerationsWithoutGraceLeaveExactlyOneWorkingSecret() throws Exception {
        PassService passes = TestServices.passService(storage());
        CreatedPass created = passes.create(TestServices.aCreateCommand());

        List<IssuedCredentials> issued = regenerateConcurrently(passes, created.pass().passId(), Duration.ZERO);

        AgentUser agent = tx(session -> session.agentUsers().find(created.pass().clientId())).orElseThrow();
        assertThat(agent.credentials().credentials()).hasSize(1);
        assertThat(working(issued)).hasSize(1);
        assertThat(authenticates(created.credentials())).isFalse();
    }

    @Test
    void concurrentRegenerationsWithGraceLeaveTheNewestAndOnePreviousSecret() throws Exception {
        PassService passes = TestServices.passService(storage());
        CreatedPass created = passes.create(TestServices.aCreateCommand());

        List<IssuedCredentials> issued = regenerateConcurrently(passes, created.pass().passId(), Duration.ofHours(1));

        AgentUser agent = tx(session -> session.agentUsers().find(created.pass().clientId())).orElseThrow();
        assertThat(agent.credentials().credentials()).hasSize(2);
        assertThat(agent.credentials().credentials().get(1).notAfter()).contains(T0.plus(Duration.ofHours(1)));
        assertThat(working(issued)).hasSize(2);
        assertThat(authenticates(created.credentials())).isFalse();
    }

    @Test
    void deleteRemovesPassAgentUserCredentialsActivityAndRollups() {
        PassService passes = TestServices.passService(storage());
        CreatedPass created = passes.create(TestServices.aCreateCommand());
        PassId passId = created.pass().passId();
        CreatedPass bystander = passes.create(TestServices.aCreateCommand());
        record(passId, bystander.pass().passId());

        passes.delete(passId);

        assertThat(tx((StorageSession session) -> session.passes().find(passId))).isEmpty();
        assertThat(tx((StorageSession session) -> session.agentUsers().find(created.pass().clientId()))).isEmpty();
        assertThat(tx((StorageSession session) -> session.activity().count(ActivityFilter.all(passId)))).isZero();
        assertThat(tx((StorageSession session) -> session.usage().find(passId, T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)))))
                .isEmpty();
        assertThat(authenticates(created.credentials())).isFalse();
        assertThat(tx((StorageSession session) -> session.activity().count(ActivityFilter.all(bystander.pass().passId())))).isEqualTo(2);
        assertThat(authenticates(bystander.credentials())).isTrue();
    }

    @Test
    void revokeKeepsPassAgentUserCredentialsActivityAndRollups() {
        PassService passes = TestServices.passService(storage());
        CreatedPass created = passes.create(TestServices.aCreateCommand());
        PassId passId = created.pass().passId();
        record(passId);
        AgentUser before = tx(session -> session.agentUsers().find(created.pass().clientId())).orElseThrow();

        passes.revoke(passId);

        assertThat(tx((StorageSession session) -> session.passes().find(passId))).hasValueSatisfying(pass ->
                assertThat(pass.state()).isEqualTo(PassState.REVOKED));
        assertThat(tx((StorageSession session) -> session.agentUsers().find(created.pass().clientId()))).contains(before);
        assertThat(tx((StorageSession session) -> session.activity().count(ActivityFilter.all(passId)))).isEqualTo(2);
        assertThat(tx((StorageSession session) -> session.usage().find(passId, T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)))))
                .singleElement().satisfies(rollup -> assertThat(rollup.total()).isEqualTo(2));
        assertThat(authenticates(created.credentials())).isFalse();
    }

    private void record(PassId... passIds) {
        List<ActivityEvent> events = new ArrayList<>();
        for (PassId passId : passIds) {
            events.add(anEvent().forPass(passId).at(T0).build());
            events.add(anEvent().forPass(passId).at(T0.plusSeconds(5)).failed(500, "x").build());
        }
        new StoringActivityRecorder(storage()).recordAll(events);
    }

    private List<IssuedCredentials> regenerateConcurrently(PassService passes, PassId passId, Duration grace)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<IssuedCredentials>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return passes.regenerate(passId, grace);
                }));
            }
            start.countDown();
            List<IssuedCredentials> issued = new ArrayList<>();
            for (Future<IssuedCredentials> future : futures) {
                issued.add(future.get(60, TimeUnit.SECONDS));
            }
            return issued;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<IssuedCredentials> working(List<IssuedCredentials> issued) {
        return issued.stream().filter(this::authenticates).toList();
    }

    private boolean authenticates(IssuedCredentials credentials) {
        return TestServices.authenticator(storage())
                .authenticate(credentials.clientId().value(), credentials.clientSecret().reveal(), T0).isSuccess();
    }
}
