package dev.sentinel.core.adapter.memory;

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

/** Everything the in-memory store holds. Values are immutable records; only the collections change. */
final class InMemoryState {

    final Map<ClientId, AgentUser> agentUsers;
    final Map<PassId, Pass> passes;
    final List<ActivityEvent> events;
    final Map<String, HourlyUsage> rollups;
    final Map<String, SigningKeyRecord> signingKeys;
    final List<AuditEntry> audit;
    final Map<String, String> settings = new LinkedHashMap<>();
    final Map<String, java.time.Instant> revokedTokens = new LinkedHashMap<>();
    final Map<String, dev.sentinel.core.domain.IngestReceipt> ingestReceipts = new LinkedHashMap<>();

    InMemoryState() {
        this.agentUsers = new LinkedHashMap<>();
        this.passes = new LinkedHashMap<>();
        this.events = new ArrayList<>();
        this.rollups = new LinkedHashMap<>();
        this.signingKeys = new LinkedHashMap<>();
        this.audit = new ArrayList<>();
    }

    /**
     * What a transaction needs to roll back: copies of the small maps, and only the lengths of the append-only
     * lists, so a write costs O(maps), not O(all events). A transaction that removes events copies them first.
     */
    private Undo undo;

    void begin() {
        undo = new Undo(new LinkedHashMap<>(agentUsers), new LinkedHashMap<>(passes), new LinkedHashMap<>(rollups),
                new LinkedHashMap<>(signingKeys), new LinkedHashMap<>(settings), new LinkedHashMap<>(revokedTokens),
                new LinkedHashMap<>(ingestReceipts), events.size(), audit.size());
    }

    /** Called before events are removed (not appended) inside a transaction. */
    void beforeEventRemoval() {
        if (undo != null && undo.removedEvents == null) {
            undo.removedEvents = new ArrayList<>(events);
        }
    }

    void commit() {
        undo = null;
    }

    void rollback() {
        Undo saved = undo;
        undo = null;
        if (saved == null) {
            return;
        }
        replace(agentUsers, saved.agentUsers);
        replace(passes, saved.passes);
        replace(rollups, saved.rollups);
        replace(signingKeys, saved.signingKeys);
        replace(settings, saved.settings);
        replace(revokedTokens, saved.revokedTokens);
        replace(ingestReceipts, saved.ingestReceipts);
        if (saved.removedEvents != null) {
            events.clear();
            events.addAll(saved.removedEvents);
        } else {
            events.subList(saved.eventCount, events.size()).clear();
        }
        audit.subList(saved.auditCount, audit.size()).clear();
    }

    private static <K, V> void replace(Map<K, V> target, Map<K, V> saved) {
        target.clear();
        target.putAll(saved);
    }

    private static final class Undo {
        final Map<ClientId, AgentUser> agentUsers;
        final Map<PassId, Pass> passes;
        final Map<String, HourlyUsage> rollups;
        final Map<String, SigningKeyRecord> signingKeys;
        final Map<String, String> settings;
        final Map<String, java.time.Instant> revokedTokens;
        final Map<String, dev.sentinel.core.domain.IngestReceipt> ingestReceipts;
        final int eventCount;
        final int auditCount;
        List<ActivityEvent> removedEvents;

        Undo(Map<ClientId, AgentUser> agentUsers, Map<PassId, Pass> passes, Map<String, HourlyUsage> rollups,
             Map<String, SigningKeyRecord> signingKeys, Map<String, String> settings,
             Map<String, java.time.Instant> revokedTokens, Map<String, dev.sentinel.core.domain.IngestReceipt> ingestReceipts,
             int eventCount, int auditCount) {
            this.agentUsers = agentUsers;
            this.passes = passes;
            this.rollups = rollups;
            this.signingKeys = signingKeys;
            this.settings = settings;
            this.revokedTokens = revokedTokens;
            this.ingestReceipts = ingestReceipts;
            this.eventCount = eventCount;
            this.auditCount = auditCount;
        }
    }
}
