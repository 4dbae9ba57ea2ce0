package dev.sentinel.core.memory;

import dev.sentinel.core.domain.AgentUser;
import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.SigningKeyRecord;
import dev.sentinel.core.domain.activity.ActivityEvent;
import dev.sentinel.core.domain.activity.HourlyUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything the in-memory store holds; values are immutable, so a copy of the collections is a snapshot. */
final class InMemoryState {

    final Map<ClientId, AgentUser> agentUsers;
    final Map<PassId, Pass> passes;
    final List<ActivityEvent> events;
    final Map<String, HourlyUsage> rollups;
    final Map<String, SigningKeyRecord> signingKeys;
    final List<AuditEntry> audit;
    final Map<String, String> settings = new LinkedHashMap<>();

    InMemoryState() {
        this(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new LinkedHashMap<>(),
                new LinkedHashMap<>(), new ArrayList<>());
    }

    private InMemoryState(Map<ClientId, AgentUser> agentUsers, Map<PassId, Pass> passes, List<ActivityEvent> events,
                          Map<String, HourlyUsage> rollups, Map<String, SigningKeyRecord> signingKeys,
                          List<AuditEntry> audit) {
        this.agentUsers = agentUsers;
        this.passes = passes;
        this.events = events;
        this.rollups = rollups;
        this.signingKeys = signingKeys;
        this.audit = audit;
    }

    InMemoryState copy() {
        InMemoryState copy = new InMemoryState(new LinkedHashMap<>(agentUsers), new LinkedHashMap<>(passes),
                new ArrayList<>(events), new LinkedHashMap<>(rollups), new LinkedHashMap<>(signingKeys), new ArrayList<>(audit));
        copy.settings.putAll(settings);
        return copy;
    }

    void restore(InMemoryState snapshot) {
        agentUsers.clear();
        agentUsers.putAll(snapshot.agentUsers);
        passes.clear();
        passes.putAll(snapshot.passes);
        events.clear();
        events.addAll(snapshot.events);
        rollups.clear();
        rollups.putAll(snapshot.rollups);
        signingKeys.clear();
        signingKeys.putAll(snapshot.signingKeys);
        audit.clear();
        audit.addAll(snapshot.audit);
        settings.clear();
        settings.putAll(snapshot.settings);
    }
}
