package dev.sentinel.core.port.in;

import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.AccessKey;
import dev.sentinel.core.domain.access.AccessKeyId;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.Membership;
import dev.sentinel.core.domain.access.Role;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who calls a use case, with what they may do: a signed-in account (owner, or admin/viewer of its projects), an access
 * key (its role in its projects, or owner or metrics), the legacy admin token (an owner), the legacy ingest token
 * (ingest for every project), the command line on the store ({@code cli:<OS user>}, an owner) or the server itself
 * ({@code sentinel-server}). {@link #name()} is what the audit trail records. Immutable.
 */
public final class Principal {

    /** What kind of caller this is. */
    public enum Kind {
        ACCOUNT, ACCESS_KEY, ADMIN_TOKEN, INGEST_TOKEN, CLI, SERVER
    }

    /** The audit name of the legacy admin token: what the trail has always recorded for the management API. */
    public static final String ADMIN_TOKEN_NAME = "admin-api";
    /** The audit name of the legacy ingest token. */
    public static final String INGEST_TOKEN_NAME = "ingest-token";
    /** The audit name of the server's own actions. */
    public static final String SERVER_NAME = "sentinel-server";

    private final String name;
    private final Kind kind;
    private final boolean owner;
    private final Map<ProjectId, Role> projectRoles;
    private final Optional<Role> everyProject;
    private final boolean metrics;
    private final Optional<AccountId> account;
    private final Optional<AccessKeyId> key;

    private Principal(String name, Kind kind, boolean owner, Map<ProjectId, Role> projectRoles,
                      Optional<Role> everyProject, boolean metrics, Optional<AccountId> account,
                      Optional<AccessKeyId> key) {
        this.name = new Actor(name).name();
        this.kind = kind;
        this.owner = owner;
        TreeMap<ProjectId, Role> sorted = new TreeMap<>(java.util.Comparator.comparing(ProjectId::value));
        sorted.putAll(projectRoles);
        this.projectRoles = Collections.unmodifiableMap(sorted);
        this.everyProject = everyProject;
        this.metrics = metrics;
        this.account = account;
        this.key = key;
    }

    /** A signed-in account: owner when the account is, and the roles of its memberships. */
    public static Principal account(Account account, List<Membership> memberships) {
        Objects.requireNonNull(account, "account");
        Map<ProjectId, Role> roles = new TreeMap<>(java.util.Comparator.comparing(ProjectId::value));
        memberships.stream().filter(membership -> membership.account().equals(account.id()))
                .forEach(membership -> roles.put(membership.project(), membership.role()));
        return new Principal(account.email().value(), Kind.ACCOUNT, account.owner(), roles, Optional.empty(), false,
                Optional.of(account.id()), Optional.empty());
    }

    /** An access key: owner, metrics, or its role in each of its projects. */
    public static Principal key(AccessKey key) {
        Objects.requireNonNull(key, "key");
        Map<ProjectId, Role> roles = new TreeMap<>(java.util.Comparator.comparing(ProjectId::value));
        if (key.role().isProjectScoped()) {
            key.projects().forEach(project -> roles.put(project, key.role()));
        }
        return new Principal(key.name(), Kind.ACCESS_KEY, key.role() == Role.OWNER, roles, Optional.empty(),
                key.role() == Role.METRICS, Optional.empty(), Optional.of(key.id()));
    }

    /** The legacy admin token: an owner, audited as {@value #ADMIN_TOKEN_NAME}. */
    public static Principal adminToken() {
        return new Principal(ADMIN_TOKEN_NAME, Kind.ADMIN_TOKEN, true, Map.of(), Optional.empty(), false,
                Optional.empty(), Optional.empty());
    }

    /**
     * The legacy ingest token: ingest for every project, audited as {@value #INGEST_TOKEN_NAME}. It may still report
     * every event type, as it always could ({@link #isLegacy()}).
     */
    public static Principal ingestToken() {
        return new Principal(INGEST_TOKEN_NAME, Kind.INGEST_TOKEN, false, Map.of(), Optional.of(Role.INGEST), false,
                Optional.empty(), Optional.empty());
    }

    /** The command line on the store, run by {@code osUser}: an owner, audited as {@code cli:<osUser>}. */
    public static Principal cli(String osUser) {
        String user = osUser == null || osUser.isBlank() ? "unknown" : osUser.strip();
        return new Principal("cli:" + user, Kind.CLI, true, Map.of(), Optional.empty(), false, Optional.empty(),
                Optional.empty());
    }

    /** The server acting on its own (housekeeping, protection): an owner, audited as {@value #SERVER_NAME}. */
    public static Principal server() {
        return new Principal(SERVER_NAME, Kind.SERVER, true, Map.of(), Optional.empty(), false, Optional.empty(),
                Optional.empty());
    }

    /** What the audit trail records as the actor. */
    public String name() {
        return name;
    }

    /** The actor to hand to use cases that take one. */
    public Actor actor() {
        return new Actor(name);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether this is the server-wide role {@link Role#OWNER}. */
    public boolean isOwner() {
        return owner;
    }

    /** Whether this may read the metrics (a metrics key; owners may too). */
    public boolean mayReadMetrics() {
        return metrics || owner;
    }

    /** Whether this is one of the tokens of the previous releases (the admin and ingest tokens). */
    public boolean isLegacy() {
        return kind == Kind.ADMIN_TOKEN || kind == Kind.INGEST_TOKEN;
    }

    /** The role held in {@code project}, empty outside the principal's projects (owners hold none: they need none). */
    public Optional<Role> roleIn(ProjectId project) {
        return Optional.ofNullable(projectRoles.get(project)).or(() -> everyProject);
    }

    /** The projects with a role, by name; empty for owners and the legacy ingest token (see {@link #allProjects()}). */
    public Map<ProjectId, Role> projectRoles() {
        return projectRoles;
    }

    /** Whether the principal reaches every project: owners, and the legacy ingest token (for ingest). */
    public boolean allProjects() {
        return owner || everyProject.isPresent();
    }

    public Optional<AccountId> account() {
        return account;
    }

    public Optional<AccessKeyId> accessKey() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Principal that && name.equals(that.name) && kind == that.kind && owner == that.owner
                && projectRoles.equals(that.projectRoles) && everyProject.equals(that.everyProject)
                && metrics == that.metrics && account.equals(that.account) && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, owner, projectRoles);
    }

    @Override
    public String toString() {
        return "Principal[" + name + ", " + kind + (owner ? ", owner" : "") + ", " + projectRoles + "]";
    }
}
