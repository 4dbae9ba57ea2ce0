package dev.sentinel.persistence.jdbi;

import static dev.sentinel.core.fixtures.TestEvents.anEvent;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A separate JVM for the durability test: writes numbered records to the H2 database in a data directory, one
 * transaction each (a setting plus a batch of activity events), and prints {@code committed N} after each commit
 * returns. It runs until killed.
 */
public final class DurabilityWriter {

    static final PassId PASS = new PassId("SP-2026-DURA01");
    static final int EVENTS_PER_RECORD = 10;

    private DurabilityWriter() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(dataDir));
        System.out.println("ready");
        System.out.flush();
        for (long record = 1; ; record++) {
            long number = record;
            List<ActivityEvent> events = new ArrayList<>();
            for (int i = 0; i < EVENTS_PER_RECORD; i++) {
                events.add(anEvent().forPass(PASS).at(Instant.parse("2026-03-01T10:00:00Z").plusMillis(number))
                        .withEndpoint("/record/" + number + "/" + i).build());
            }
            storage.inTransaction(session -> {
                session.settings().put(key(number), "committed");
                session.activity().append(events);
                return null;
            });
            System.out.println("committed " + number);
            System.out.flush();
        }
    }

    static String key(long record) {
        return "durability.record." + record;
    }
}
