package dev.sentinel.core.adapter.memory;

import dev.sentinel.core.domain.AgentUser;
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
    final List<dev.sentinel.core.domain.audit.AuditRecord> audit;
    dev.sentinel.core.domain.audit.AuditChainHead auditHead = dev.sentinel.core.domain.audit.AuditChainHead.empty();
    final Map<dev.sentinel.core.domain.ProjectId, dev.sentinel.core.domain.Project> projects = new java.util.TreeMap<>(
            java.util.Comparator.comparing(dev.sentinel.core.domain.ProjectId::value));
    final Map<dev.sentinel.core.domain.access.AccountId, dev.sentinel.core.domain.access.Account> accounts = new LinkedHashMap<>();
    /** Recovery code hash → when it was used (null while unused), per account. */
    final Map<dev.sentinel.core.domain.access.AccountId, Map<String, java.time.Instant>> recoveryCodes = new LinkedHashMap<>();
    /** "issuer NUL subject" → the link. */
    final Map<String, dev.sentinel.core.domain.access.SsoIdentity> identities = new LinkedHashMap<>();
    /** "project NUL account" → the membership, in joining order. */
    final Map<String, dev.sentinel.core.domain.access.Membership> memberships = new LinkedHashMap<>();
    final Map<dev.sentinel.core.domain.access.AccessKeyId, dev.sentinel.core.domain.access.AccessKey> accessKeys =
            new LinkedHashMap<>();
    /** Token hash → the set-up link. */
    final Map<String, dev.sentinel.core.domain.access.SetupLink> setupLinks = new LinkedHashMap<>();
    /** Secret hash → the signed-in session. */
    final Map<String, dev.sentinel.core.domain.access.SignInSession> sessions = new LinkedHashMap<>();
    final Map<String, String> settings = new LinkedHashMap<>();
    /** Alert rules and alerts by id, in creation order; the evaluation lease's holder and end. */
    final Map<String, dev.sentinel.core.domain.alert.AlertRule> alertRules = new LinkedHashMap<>();
    final Map<String, dev.sentinel.core.domain.alert.Alert> alerts = new LinkedHashMap<>();
    String leaseHolder;
    java.time.Instant leaseUntil;
    final Map<String, java.time.Instant> revokedTokens = new LinkedHashMap<>();
    /** "client id NUL jti" → until when the assertion is remembered. */
    final Map<String, java.time.Instant> usedAssertions = new LinkedHashMap<>();
    final Map<String, dev.sentinel.core.domain.IngestReceipt> ingestReceipts = new LinkedHashMap<>();
    /** The trust policies, in creation order. */
    final Map<dev.sentinel.core.domain.federation.TrustPolicyId, dev.sentinel.core.domain.federation.TrustPolicy>
            trustPolicies = new LinkedHashMap<>();
    /** The registered resources, in creation order. */
    final Map<dev.sentinel.core.domain.resource.ResourceId, dev.sentinel.core.domain.resource.RegisteredResource>
            resources = new LinkedHashMap<>();

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
        undo.auditHead = auditHead;
        undo.projects = new LinkedHashMap<>(projects);
        undo.accounts = new LinkedHashMap<>(accounts);
        undo.recoveryCodes = new LinkedHashMap<>();
        recoveryCodes.forEach((account, codes) -> undo.recoveryCodes.put(account, new LinkedHashMap<>(codes)));
        undo.identities = new LinkedHashMap<>(identities);
        undo.memberships = new LinkedHashMap<>(memberships);
        undo.accessKeys = new LinkedHashMap<>(accessKeys);
        undo.usedAssertions = new LinkedHashMap<>(usedAssertions);
        undo.setupLinks = new LinkedHashMap<>(setupLinks);
        undo.sessions = new LinkedHashMap<>(sessions);
        undo.trustPolicies = new LinkedHashMap<>(trustPolicies);
        undo.resources = new LinkedHashMap<>(resources);
        undo.alertRules = new LinkedHashMap<>(alertRules);
        undo.alerts = new LinkedHashMap<>(alerts);
        undo.leaseHolder = leaseHolder;
        undo.leaseUntil = leaseUntil;
    }

    /** Called before audit records are removed (not appended) inside a transaction. */
    void beforeAuditRemoval() {
        if (undo != null && undo.removedAudit == null) {
            undo.removedAudit = new ArrayList<>(audit);
        }
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
        replace(usedAssertions, saved.usedAssertions);
        replace(ingestReceipts, saved.ingestReceipts);
        if (saved.removedEvents != null) {
            events.clear();
            events.addAll(saved.removedEvents);
        } else {
            events.subList(saved.eventCount, events.size()).clear();
        }
        if (saved.removedAudit != null) {
            audit.clear();
            audit.addAll(saved.removedAudit);
        } else {
            audit.subList(saved.auditCount, audit.size()).clear();
        }
        auditHead = saved.auditHead;
        replace(projects, saved.projects);
        replace(accounts, saved.accounts);
        replace(recoveryCodes, saved.recoveryCodes);
        replace(identities, saved.identities);
        replace(memberships, saved.memberships);
        replace(accessKeys, saved.accessKeys);
        replace(setupLinks, saved.setupLinks);
        replace(sessions, saved.sessions);
        replace(trustPolicies, saved.trustPolicies);
        replace(resources, saved.resources);
        replace(alertRules, saved.alertRules);
        replace(alerts, saved.alerts);
        leaseHolder = saved.leaseHolder;
        leaseUntil = saved.leaseUntil;
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
        List<dev.sentinel.core.domain.audit.AuditRecord> removedAudit;
        dev.sentinel.core.domain.audit.AuditChainHead auditHead;
        Map<dev.sentinel.core.domain.ProjectId, dev.sentinel.core.domain.Project> projects;
        Map<dev.sentinel.core.domain.access.AccountId, dev.sentinel.core.domain.access.Account> accounts;
        Map<dev.sentinel.core.domain.access.AccountId, Map<String, java.time.Instant>> recoveryCodes;
        Map<String, dev.sentinel.core.domain.access.SsoIdentity> identities;
        Map<String, dev.sentinel.core.domain.access.Membership> memberships;
        Map<dev.sentinel.core.domain.access.AccessKeyId, dev.sentinel.core.domain.access.AccessKey> accessKeys;
        Map<String, dev.sentinel.core.domain.access.SetupLink> setupLinks;
        Map<String, dev.sentinel.core.domain.access.SignInSession> sessions;
        Map<String, java.time.Instant> usedAssertions;
        Map<dev.sentinel.core.domain.federation.TrustPolicyId, dev.sentinel.core.domain.federation.TrustPolicy>
                trustPolicies;
        Map<dev.sentinel.core.domain.resource.ResourceId, dev.sentinel.core.domain.resource.RegisteredResource>
                resources;
        Map<String, dev.sentinel.core.domain.alert.AlertRule> alertRules;
        Map<String, dev.sentinel.core.domain.alert.Alert> alerts;
        String leaseHolder;
        java.time.Instant leaseUntil;

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
