package dev.sentinel.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.access.CreatedAccessKey;
import dev.sentinel.core.application.audit.AuditVerification;
import dev.sentinel.core.port.in.CreateAccessKeyCommand;
import dev.sentinel.core.port.in.CreatePassCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two Sentinel instances, each with its own pool, on one PostgreSQL database, as two nodes behind a load balancer:
 * their audit entries form one chain that verifies, and a key revoked on one is refused by the other within 5 seconds.
 */
class TwoNodesOnPostgresTest {

    private static final byte[] KEK = "two-nodes-share-this-32-byte-key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void concurrentAppendsFromTwoNodesKeepOneValidChain() throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema();
             JdbiStorage first = JdbiStorage.open(schema.config());
             JdbiStorage second = JdbiStorage.open(schema.config())) {
            List<Sentinel> nodes = List.of(Sentinel.builder().storage(first).keyEncryptionKey(KEK).build(),
                    Sentinel.builder().storage(second).keyEncryptionKey(KEK).build());
            ExecutorService writers = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int writer = 0; writer < 6; writer++) {
                    Sentinel node = nodes.get(writer % 2);
                    int project = writer % 3;
                    done.add(writers.submit(() -> {
                        for (int i = 0; i < 8; i++) {
                            var pass = node.passes().create(CreatePassCommand.builder("p" + project).agentName("Agent")
                                    .agentType("Agent").build()).pass().passId();
                            node.passes().toggle(pass);
                        }
                    }));
                }
                for (Future<?> future : done) {
                    future.get(120, TimeUnit.SECONDS);
                }
            } finally {
                writers.shutdownNow();
            }

            AuditVerification verification = nodes.get(1).audit().verify();
            assertThat(verification.intact()).as(String.valueOf(verification.firstBreak())).isTrue();
            // 6 writers x 8 x (pass.create + pass.toggle), and project.create once per project
            assertThat(verification.verified()).isEqualTo(6 * 8 * 2 + 3);
            assertThat(verification.headSequence()).isEqualTo(verification.verified());
        }
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedOnTheOtherWithinFiveSeconds() throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema();
             JdbiStorage first = JdbiStorage.open(schema.config());
             JdbiStorage second = JdbiStorage.open(schema.config())) {
            Sentinel revoking = Sentinel.builder().storage(first).keyEncryptionKey(KEK).build();
            Sentinel other = Sentinel.builder().storage(second).keyEncryptionKey(KEK).build();
            revoking.projects().create("demo", "");
            CreatedAccessKey key = revoking.accessKeys().create(
                    new CreateAccessKeyCommand("dashboards", "viewer", List.of("demo"), null));
            assertThat(other.accessKeys().verify(key.secret())).isPresent();

            long revokedAt = System.nanoTime();
            revoking.accessKeys().revoke(key.key().id());
            assertThat(revoking.accessKeys().verify(key.secret())).isEmpty();
            while (other.accessKeys().verify(key.secret()).isPresent()) {
                assertThat(System.nanoTime() - revokedAt).as("still accepted after").isLessThan(
                        TimeUnit.MILLISECONDS.toNanos(5_500));
                Thread.sleep(100);
            }
        }
    }
}
