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
    void readsBlocksWrittenBeforeEventsHadAttempts() {
        ActivityEvent event = anEvent().forPass(passId).at(T0).withMetadata("{\"a\":1}").failed(500, "x").build();
        byte[] current = ActivityBlocks.encode(List.of(event));
        // format 1 is format 2 without the trailing int of each event
        byte[] formatOne = Arrays.copyOf(current, current.length - Integer.BYTES);
        formatOne[0] = 1;

        assertThat(ActivityBlocks.decode(passId, formatOne)).containsExactly(event);
        int[] counted = new int[1];
        ActivityBlocks.scanHeaders(formatOne, (type, seconds, nano, success) -> counted[0]++);
        assertThat(counted[0]).isEqualTo(1);
    }
}
