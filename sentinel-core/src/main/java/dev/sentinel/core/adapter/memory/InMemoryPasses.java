package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ProjectSummary;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.HourlyUsage;
import dev.sentinel.core.domain.activity.PassUse;
import dev.sentinel.core.port.out.Passes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

final class InMemoryPasses implements Passes {

    private final InMemoryState state;

    InMemoryPasses(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void add(Pass pass) {
        if (state.passes.putIfAbsent(pass.passId(), pass) != null) {
            throw new ConflictException("pass_id", "pass_id " + pass.passId() + " is taken");
        }
        state.projects.putIfAbsent(pass.project(), dev.sentinel.core.domain.Project.named(pass.project(), pass.createdAt()));
    }

    @Override
    public Optional<Pass> find(PassId passId) {
        return Optional.ofNullable(state.passes.get(passId));
    }

    @Override
    public Optional<Pass> findForUpdate(PassId passId) {
        return find(passId);
    }

    @Override
    public Optional<Pass> findByClientId(ClientId clientId) {
        return state.passes.values().stream().filter(pass -> pass.clientId().equals(clientId)).findFirst();
    }

    @Override
    public List<Pass> listByProject(ProjectId project) {
        return state.passes.values().stream()
                .filter(pass -> pass.project().equals(project))
                .sorted(Comparator.comparing(Pass::createdAt).thenComparing(pass -> pass.passId().value()))
                .toList();
    }

    @Override
    public List<ProjectSummary> projects() {
        Map<PassId, Instant> lastUsed = new HashMap<>();
        for (ActivityEvent event : state.events) {
            lastUsed.merge(event.passId(), event.startedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        Map<String, List<Pass>> byProject = new TreeMap<>();
        for (Pass pass : state.passes.values()) {
            byProject.computeIfAbsent(pass.project().value(), name -> new ArrayList<>()).add(pass);
        }
        return byProject.values().stream().map(passes -> new ProjectSummary(passes.get(0).project(), passes.size(),
                passes.stream().map(pass -> lastUsed.get(pass.passId())).filter(Objects::nonNull)
                        .max(Comparator.naturalOrder()))).toList();
    }

    @Override
    public Map<PassId, PassUse> useByProject(ProjectId project) {
        Map<PassId, PassUse> use = new LinkedHashMap<>();
        for (Pass pass : listByProject(project)) {
            long total = 0;
            long successes = 0;
            long latency = 0;
            for (HourlyUsage rollup : state.rollups.values()) {
                if (rollup.passId().equals(pass.passId())) {
                    total += rollup.total();
                    successes += rollup.successes();
                    latency += rollup.latencySumMs();
                }
            }
            Optional<Instant> lastUsed = state.events.stream().filter(event -> event.passId().equals(pass.passId()))
                    .map(ActivityEvent::startedAt).max(Comparator.naturalOrder());
            use.put(pass.passId(), new PassUse(total, successes, latency, lastUsed));
        }
        return use;
    }

    @Override
    public void update(Pass pass) {
        state.passes.replace(pass.passId(), pass);
    }

    @Override
    public boolean delete(PassId passId) {
        return state.passes.remove(passId) != null;
    }
}
