package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.HourlyUsage;
import dev.sentinel.core.port.out.UsageRollups;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

final class InMemoryUsageRollups implements UsageRollups {

    private final InMemoryState state;

    InMemoryUsageRollups(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void add(List<ActivityEvent> events) {
        for (HourlyUsage rollup : HourlyUsage.rollUp(events)) {
            String key = key(rollup.passId(), rollup.hour());
            // merged into an empty hour too, so that a first batch is held to the endpoint cap as well
            state.rollups.put(key, state.rollups.getOrDefault(key, HourlyUsage.empty(rollup.passId(), rollup.hour()))
                    .merge(rollup));
        }
    }

    @Override
    public List<HourlyUsage> find(PassId passId, Instant from, Instant until) {
        return state.rollups.values().stream()
                .filter(rollup -> rollup.passId().equals(passId))
                .filter(rollup -> !rollup.hour().isBefore(from) && rollup.hour().isBefore(until))
                .sorted(Comparator.comparing(HourlyUsage::hour))
                .toList();
    }

    @Override
    public void deleteByPass(PassId passId) {
        state.rollups.values().removeIf(rollup -> rollup.passId().equals(passId));
    }

    private static String key(PassId passId, Instant hour) {
        return passId.value() + '@' + hour;
    }
}
