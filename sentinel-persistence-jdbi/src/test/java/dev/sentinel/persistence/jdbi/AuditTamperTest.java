package dev.sentinel.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.audit.AuditVerification;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.port.in.CreatePassCommand;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An attacker who can write the database but does not hold the key-encryption key changes or deletes audit rows
 * directly (JDBC, as with the database file): verify reports the first entry that does not verify, with its position.
 * On H2 and PostgreSQL.
 */
class AuditTamperTest {

    private static final byte[] KEK = "an-example-key-encryption-key-32".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static Sentinel sentinelOn(ContractStores store) {
        TestDatabases.clean(store.storage());
        Sentinel sentinel = Sentinel.builder().storage(store.storage()).keyEncryptionKey(KEK).build();
        PassId passId = sentinel.passes().create(CreatePassCommand.builder("demo").agentName("Agent")
                .agentType("Agent").build()).pass().passId();       // 1 project.create, 2 pass.create
        sentinel.passes().toggle(passId);                           // 3
        sentinel.passes().toggle(passId);                           // 4
        sentinel.passes().revoke(passId);                           // 5
        assertThat(sentinel.audit().verify().intact()).isTrue();
        return sentinel;
    }

    private static void sql(ContractStores store, String statement) {
        int changed = TestDatabases.jdbi(store.storage()).withHandle(handle -> handle.execute(statement));
        assertThat(changed).as(statement).isPositive();
    }

    @ParameterizedTest
    @EnumSource(ContractStores.class)
    void aChangedRowIsReportedAtItsPosition(ContractStores store) {
        Sentinel sentinel = sentinelOn(store);

        sql(store, "UPDATE audit_entries SET actor = 'someone-else' WHERE chain_seq = 3");

        assertBreak(sentinel::audit, 3, AuditVerification.Reason.CHANGED);
    }

    @ParameterizedTest
    @EnumSource(ContractStores.class)
    void aRowWithItsMacCopiedFromAnotherIsReported(ContractStores store) {
        Sentinel sentinel = sentinelOn(store);

        sql(store, "UPDATE audit_entries SET detail = 'inactive -> active', mac = "
                + "(SELECT mac FROM audit_entries WHERE chain_seq = 4) WHERE chain_seq = 3");

        assertBreak(sentinel::audit, 3, AuditVerification.Reason.CHANGED);
    }

    @ParameterizedTest
    @EnumSource(ContractStores.class)
    void aRowDeletedFromTheMiddleIsReportedAtItsPosition(ContractStores store) {
        Sentinel sentinel = sentinelOn(store);

        sql(store, "DELETE FROM audit_entries WHERE chain_seq = 3");

        assertBreak(sentinel::audit, 3, AuditVerification.Reason.MISSING);
    }

    @ParameterizedTest
    @EnumSource(ContractStores.class)
    void aRenumberedTrailWithARowDeletedIsStillReported(ContractStores store) {
        Sentinel sentinel = sentinelOn(store);

        sql(store, "DELETE FROM audit_entries WHERE chain_seq = 3");
        sql(store, "UPDATE audit_entries SET chain_seq = 3 WHERE chain_seq = 4");
        sql(store, "UPDATE audit_entries SET chain_seq = 4 WHERE chain_seq = 5");
        sql(store, "UPDATE audit_chain SET head_seq = 4, head_mac = (SELECT mac FROM audit_entries WHERE chain_seq = 4)");

        assertBreak(sentinel::audit, 3, AuditVerification.Reason.CHANGED);
    }

    @ParameterizedTest
    @EnumSource(ContractStores.class)
    void theNewestRowsDeletedAreReportedAgainstTheHead(ContractStores store) {
        Sentinel sentinel = sentinelOn(store);

        sql(store, "DELETE FROM audit_entries WHERE chain_seq >= 4");

        assertBreak(sentinel::audit, 4, AuditVerification.Reason.MISSING);
    }

    @ParameterizedTest
    @EnumSource(ContractStores.class)
    void aForgedPurgeCheckpointIsReported(ContractStores store) {
        Sentinel sentinel = sentinelOn(store);

        sql(store, "DELETE FROM audit_entries WHERE chain_seq <= 2");
        sql(store, "UPDATE audit_chain SET checkpoint_seq = 2, checkpoint_at = CURRENT_TIMESTAMP, checkpoint_mac = "
                + "'forged', checkpoint_signature = 'forged'");

        assertBreak(sentinel::audit, 2, AuditVerification.Reason.CHECKPOINT);
    }

    @ParameterizedTest
    @EnumSource(ContractStores.class)
    void theLegacyCountCannotBeRaisedToHideEntries(ContractStores store) {
        Sentinel sentinel = sentinelOn(store);

        sql(store, "UPDATE audit_entries SET mac = NULL WHERE chain_seq <= 2");
        sql(store, "UPDATE audit_chain SET legacy_through = 2");

        assertBreak(sentinel::audit, 3, AuditVerification.Reason.CHANGED);
    }

    private static void assertBreak(Supplier<dev.sentinel.core.application.audit.AuditService> audit, long position,
                                    AuditVerification.Reason reason) {
        Optional<AuditVerification.Break> found = audit.get().verify().firstBreak();
        assertThat(found).as("the first break").hasValueSatisfying(broken -> {
            assertThat(broken.position()).isEqualTo(position);
            assertThat(broken.reason()).isEqualTo(reason);
        });
        assertThat(List.of(found.get().description())).allSatisfy(text -> assertThat(text).contains(String.valueOf(position)));
    }
}
