package dev.sentinel.core.port.out;

import static dev.sentinel.core.fixtures.TestAuditEntries.anAuditEntry;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.PassService;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.fixtures.TestServices;
import org.junit.jupiter.api.Test;

/** The contract of {@link AuditTrail}, for every adapter. */
public abstract class AuditTrailContract extends StorageContractSupport {

    @Test
    void recentListsTheNewestEntriesFirstUpToTheLimit() {
        AuditEntry first = anAuditEntry().at(T0).withAction("pass.create").about("SP-2026-AAAAAA").build();
        AuditEntry second = anAuditEntry().at(T0.plusSeconds(1)).withAction("pass.toggle").about("SP-2026-AAAAAA")
                .withDetail("active -> inactive").build();
        AuditEntry third = anAuditEntry().at(T0.plusSeconds(2)).byActor("admin-api").withAction("settings.change").build();
        run(session -> {
            session.audit().record(first);
            session.audit().record(second);
            session.audit().record(third);
        });

        assertThat(tx((StorageSession session) -> session.audit().recent(2))).containsExactly(third, second);
        assertThat(tx((StorageSession session) -> session.audit().recent(10))).containsExactly(third, second, first);
    }

    @Test
    void forPassListsThatPassesEntriesOldestFirst() {
        AuditEntry created = anAuditEntry().at(T0).about("SP-2026-AAAAAA").withAction("pass.create").build();
        AuditEntry elsewhere = anAuditEntry().at(T0.plusSeconds(1)).about("SP-2026-BBBBBB").build();
        AuditEntry revoked = anAuditEntry().at(T0.plusSeconds(2)).about("SP-2026-AAAAAA").withAction("pass.revoke").build();
        AuditEntry global = anAuditEntry().at(T0.plusSeconds(3)).withAction("keys.rotate").build();
        run(session -> {
            session.audit().record(created);
            session.audit().record(elsewhere);
            session.audit().record(revoked);
            session.audit().record(global);
        });

        assertThat(tx((StorageSession session) -> session.audit().forPass("SP-2026-AAAAAA"))).containsExactly(created, revoked);
        assertThat(tx((StorageSession session) -> session.audit().forPass("SP-2026-CCCCCC"))).isEmpty();
    }

    @Test
    void entriesOutliveTheDeletedPass() {
        PassService passes = TestServices.passService(storage());
        CreatedPass created = passes.create(TestServices.aCreateCommand());
        PassId passId = created.pass().passId();

        passes.revoke(passId);
        passes.delete(passId);

        assertThat(tx((StorageSession session) -> session.audit().forPass(passId.value()))).extracting(AuditEntry::action)
                .containsExactly("pass.create", "pass.revoke", "pass.delete");
        assertThat(tx((StorageSession session) -> session.audit().forPass(passId.value()))).allSatisfy(entry ->
                assertThat(entry.detail()).doesNotContain(created.credentials().clientSecret().reveal()));
    }
}
