package dev.sentinel.persistence.jdbi.adapter;

import static dev.sentinel.core.fixtures.TestEvents.anEvent;
import static dev.sentinel.core.fixtures.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.fixtures.TestIds;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityBlocksFormatTest {

    private final PassId passId = TestIds.newPassId();

    @Test
    void roundTripsTheAttemptsOfEachEvent() {
        List<ActivityEvent> events = List.of(anEvent().forPass(passId).at(T0).build(),
                anEvent().forPass(passId).at(T0.plusSeconds(1)).failed(401, "secret_mismatch").withAttempts(1234).build());

        assertThat(ActivityBlocks.decode(passId, ActivityBlocks.encode(events))).isEqualTo(events);
    }

    @Test
    void roundTripsWhoReportedEachEvent() {
        List<ActivityEvent> events = List.of(anEvent().forPass(passId).at(T0).build().reportedBy("edge-gateway"),
                anEvent().forPass(passId).at(T0.plusSeconds(1)).build());

        List<ActivityEvent> decoded = ActivityBlocks.decode(passId, ActivityBlocks.encode(events));

        assertThat(decoded).isEqualTo(events);
        assertThat(decoded.get(0).reportedBy()).hasValue("edge-gateway");
        assertThat(decoded.get(1).reportedBy()).isEmpty();
    }

    @Test
    void readsBlocksWrittenBeforeEventsNamedWhoReportedThem() {
        ActivityEvent event = anEvent().forPass(passId).at(T0).withMetadata("{\"a\":1}").failed(500, "x").build();
        byte[] current = ActivityBlocks.encode(List.of(event, event));
        // format 2 is format 3 without the trailing optional of each event (false: one byte, for no reporter)
        byte[] formatTwo = new byte[current.length - 2];
        int eventBytes = (current.length - 1) / 2;
        formatTwo[0] = 2;
        System.arraycopy(current, 1, formatTwo, 1, eventBytes - 1);
        System.arraycopy(current, 1 + eventBytes, formatTwo, eventBytes, eventBytes - 1);

        assertThat(ActivityBlocks.decode(passId, formatTwo)).containsExactly(event, event);
        int[] counted = new int[1];
        ActivityBlocks.scanHeaders(formatTwo, (type, seconds, nano, success) -> counted[0]++);
        assertThat(counted[0]).isEqualTo(2);
    }

    @Test
    void readsBlocksWrittenBeforeEventsHadAttempts() {
        ActivityEvent event = anEvent().forPass(passId).at(T0).withMetadata("{\"a\":1}").failed(500, "x").build();
        byte[] current = ActivityBlocks.encode(List.of(event));
        // format 1 is format 3 without the trailing int (attempts) and boolean (no reporter) of each event
        byte[] formatOne = Arrays.copyOf(current, current.length - Integer.BYTES - 1);
        formatOne[0] = 1;

        assertThat(ActivityBlocks.decode(passId, formatOne)).containsExactly(event);
        int[] counted = new int[1];
        ActivityBlocks.scanHeaders(formatOne, (type, seconds, nano, success) -> counted[0]++);
        assertThat(counted[0]).isEqualTo(1);
    }
}
