package dev.sentinel.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.Sentinel;
import dev.sentinel.core.application.alert.AlertService;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.port.in.CreatePassCommand;
import dev.sentinel.core.port.out.AlertsContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each with its own pool, on one PostgreSQL database evaluate the alert rules at the same moments, 20 times:
 * one of them holds the lease, so each alert is stored and published once, not once per node.
 */
class AlertsOnTwoNodesTest {

    @Test
    void twoNodesEvaluatingTogetherFireEachAlertOnce() throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema();
             JdbiStorage first = JdbiStorage.open(schema.config());
             JdbiStorage second = JdbiStorage.open(schema.config())) {
            Clock clock = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
            Sentinel sentinel = Sentinel.builder().storage(first).clock(clock).build();
            for (int i = 0; i < 3; i++) {
                sentinel.passes().create(CreatePassCommand.builder("fleet").agentName("Agent").agentType("Agent")
                        .validUntil("2026-03-05").build());
            }
            AlertsContract.Recorder firstEvents = new AlertsContract.Recorder();
            AlertsContract.Recorder secondEvents = new AlertsContract.Recorder();
            List<AlertService> nodes = List.of(new AlertService(first, clock, firstEvents),
                    new AlertService(second, clock, secondEvents));
            nodes.get(0).createRule(new ProjectId("fleet"), "pass.expiring", List.of(), null, null, null);

            ExecutorService pool = Executors.newFixedThreadPool(2);
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<Integer>> held = new ArrayList<>();
            try {
                for (AlertService node : nodes) {
                    held.add(pool.submit(() -> {
                        int rounds = 0;
                        for (int round = 0; round < 20; round++) {
                            together.await(30, TimeUnit.SECONDS);
                            rounds += node.evaluate().leaseHeld() ? 1 : 0;
                        }
                        return rounds;
                    }));
                }
                assertThat(held.get(0).get(120, TimeUnit.SECONDS) + held.get(1).get(120, TimeUnit.SECONDS))
                        .as("rounds in which a node held the lease").isEqualTo(20);
            } finally {
                pool.shutdownNow();
            }

            assertThat(nodes.get(1).alerts(List.of(), true, 100)).hasSize(3);
            assertThat(firstEvents.events.size() + secondEvents.events.size()).isEqualTo(3);
        }
    }
}
