package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestAuditEntries.anAuditEntry;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.MutableClock;
import dev.sentinel.core.application.PassService;
import dev.sentinel.core.application.audit.AuditChain;
import dev.sentinel.core.application.audit.AuditService;
import dev.sentinel.core.application.audit.AuditVerification;
import dev.sentinel.core.application.audit.SealingStorage;
import dev.sentinel.core.domain.CredentialGenerator;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.domain.activity.PageRequest;
import dev.sentinel.core.domain.audit.AuditFilter;
import dev.sentinel.core.domain.audit.AuditRecord;
import dev.sentinel.core.fixtures.TestAccessKeys;
import dev.sentinel.core.fixtures.TestServices;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.in.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The audit chain over a real store: entries sealed through {@link SealingStorage} number without gaps under the
 * head's lock, verify, survive a purge behind a checkpoint, and concurrent appends keep one chain. For every adapter.
 */
public abstract class AuditChainContract extends StorageContractSupport {

    protected static final byte[] KEK = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    protected final MutableClock clock = new MutableClock(T0);

    protected Storage sealed() {
        return SealingStorage.of(storage(), AuditChain.fromKeyEncryptionKey(KEK));
    }

    protected AuditService audit() {
        return new AuditService(sealed(), clock, Optional.of(AuditChain.fromKeyEncryptionKey(KEK)));
    }

    protected void append(int count) {
        for (int i = 0; i < count; i++) {
            audit().record(Principal.cli("ada"), "test.append", Optional.of(new ProjectId("demo")), Optional.empty(),
                    "entry " + i);
        }
    }

    @Test
    void everyUseCaseEntryIsSealedAndTheChainVerifies() {
        PassService passes = new PassService(sealed(), TestServices.HASHER, CredentialGenerator.create(), clock,
                new Actor("ada@example.com"));
        PassId passId = passes.create(TestServices.aCreateCommand()).pass().passId();
        passes.revoke(passId);
        passes.delete(passId);

        List<AuditRecord> chain = tx((StorageSession session) -> session.audit().chain(0, 100));
        assertThat(chain).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(chain).allSatisfy(record -> assertThat(record.mac()).isPresent());
        assertThat(chain).extracting(record -> record.entry().action())
                .containsExactly("project.create", "pass.create", "pass.revoke", "pass.delete");
        assertThat(chain).allSatisfy(record -> assertThat(record.entry().project()).contains("demo"));
        AuditVerification verification = audit().verify();
        assertThat(verification.intact()).as(String.valueOf(verification.firstBreak())).isTrue();
        assertThat(verification.verified()).isEqualTo(4);
        assertThat(verification.headSequence()).isEqualTo(4);
        assertThat(verification.headMac()).isEqualTo(chain.get(3).mac());
    }

    @Test
    void anEntryWrittenWithoutTheKeyIsReportedAtItsPosition() {
        append(2);
        run(session -> session.audit().record(anAuditEntry().withAction("forged").build()));
        append(1);

        AuditVerification verification = audit().verify();

        assertThat(verification.firstBreak()).hasValueSatisfying(broken -> {
            assertThat(broken.position()).isEqualTo(3);
            assertThat(broken.reason()).isEqualTo(AuditVerification.Reason.UNSIGNED);
        });
    }

    @Test
    void anotherKeyDoesNotVerifyTheChain() {
        append(2);
        byte[] other = KEK.clone();
        other[0] ^= 1;

        AuditVerification verification = new AuditService(storage(), clock,
                Optional.of(AuditChain.fromKeyEncryptionKey(other))).verify();

        assertThat(verification.firstBreak()).hasValueSatisfying(broken -> {
            assertThat(broken.position()).isEqualTo(1);
            assertThat(broken.reason()).isEqualTo(AuditVerification.Reason.CHANGED);
        });
    }

    @Test
    void aPurgeLeavesASignedCheckpointAndTheRestStillVerifies() {
        append(3);
        clock.advance(Duration.ofDays(10));
        append(2);

        assertThat(audit().purgeOlderThan(Duration.ofDays(5))).isEqualTo(3);
        assertThat(audit().purgeOlderThan(Duration.ofDays(5))).as("nothing more to purge, nothing recorded").isZero();

        AuditVerification verification = audit().verify();
        assertThat(verification.intact()).as(String.valueOf(verification.firstBreak())).isTrue();
        assertThat(verification.checkpoint()).hasValueSatisfying(point -> assertThat(point.sequence()).isEqualTo(3));
        assertThat(verification.verified()).as("two kept, and the purge's own entry").isEqualTo(3);
        assertThat(tx((StorageSession session) -> session.audit().chain(0, 10))).extracting(AuditRecord::sequence)
                .containsExactly(4L, 5L, 6L);
    }

    @Test
    void concurrentAppendsFormOneChain() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                done.add(writers.submit(() -> append(15)));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }

        AuditVerification verification = audit().verify();
        assertThat(verification.intact()).as(String.valueOf(verification.firstBreak())).isTrue();
        assertThat(verification.verified()).isEqualTo(60);
        assertThat(verification.headSequence()).isEqualTo(60);
    }

    @Test
    void queriesFilterAndPageNewestFirstAndProjectRolesSeeOnlyTheirProjects() {
        AuditService audit = audit();
        Principal ada = Principal.cli("ada");
        audit.record(ada, "pass.create", Optional.of(new ProjectId("demo")), Optional.of("SP-2026-AAAAAA"), "");
        clock.advance(Duration.ofMinutes(1));
        audit.record(Principal.server(), "throttled", Optional.empty(), Optional.empty(), "");
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 12; i++) {
            audit.record(ada, "pass.toggle", Optional.of(new ProjectId("ops")), Optional.of("SP-2026-BBBBBB"), "n=" + i);
        }

        var page = audit.find(Principal.server(), AuditFilter.all().withActor("cli:ada").withProject("ops"),
                new PageRequest(2, 10));
        assertThat(page.total()).isEqualTo(12);
        assertThat(page.items()).extracting(record -> record.entry().detail()).containsExactly("n=1", "n=0");
        assertThat(audit.find(Principal.server(), AuditFilter.all().withPassId("SP-2026-AAAAAA").withAction("pass.create")
                .between(Optional.of(T0), Optional.of(T0.plusSeconds(1))), PageRequest.first()).total()).isEqualTo(1);
        assertThat(audit.find(Principal.server(), AuditFilter.all().between(Optional.of(T0.plusSeconds(1)),
                Optional.empty()), PageRequest.first()).total()).isEqualTo(13);

        Principal demoViewer = Principal.key(TestAccessKeys.anAccessKey().withRole(Role.VIEWER).inProjects("demo").build());
        assertThat(audit.find(demoViewer, AuditFilter.all(), PageRequest.first()).items())
                .extracting(record -> record.entry().action()).containsExactly("pass.create");
        List<AuditRecord> exported = new ArrayList<>();
        assertThat(audit.export(Principal.server(), AuditFilter.all(), exported::add)).isEqualTo(14);
        assertThat(exported).extracting(AuditRecord::sequence).isSorted().hasSize(14);
    }
}
