package dev.sentinel.core.application.access;

import dev.sentinel.core.domain.access.Role;

/**
 * What a caller asks to do, with the least role that allows it and whether it concerns one project. Owners may do
 * everything; in a project an admin may do what a viewer may.
 */
public enum AccessAction {
    /** List and read passes, overviews, permissions, usage, activity, members and the project's audit entries. */
    READ_PROJECT(Role.VIEWER, true),
    /** Export activity or audit entries of the project. */
    EXPORT(Role.VIEWER, true),
    /** Create, edit, regenerate, toggle, revoke, activate and delete passes. */
    MANAGE_PASSES(Role.ADMIN, true),
    /** Add, change and remove the project's members (and, later, its trust policies, resources, webhooks, limits). */
    MANAGE_MEMBERS(Role.ADMIN, true),
    /** Report activity for the project's passes. */
    INGEST_ACTIVITY(Role.INGEST, true),
    /** Create projects. */
    CREATE_PROJECT(Role.OWNER, false),
    /** Delete projects. */
    DELETE_PROJECT(Role.OWNER, false),
    /** Accounts and their server role. */
    MANAGE_ACCOUNTS(Role.OWNER, false),
    /** Access keys. */
    MANAGE_ACCESS_KEYS(Role.OWNER, false),
    /** Signing keys. */
    MANAGE_SIGNING_KEYS(Role.OWNER, false),
    /** Server settings, and the admin token. */
    MANAGE_SERVER(Role.OWNER, false),
    /** The whole audit trail, and its verification. */
    READ_AUDIT(Role.OWNER, false),
    /** The metrics. */
    READ_METRICS(Role.METRICS, false),
    /** Create, change and delete the project's trust policies (workload identity federation). */
    MANAGE_TRUST_POLICIES(Role.ADMIN, true),
    /** Register, change and delete the project's resources (the resource servers its tokens may name). */
    MANAGE_RESOURCES(Role.ADMIN, true);

    private final Role roleNeeded;
    private final boolean inProject;

    AccessAction(Role roleNeeded, boolean inProject) {
        this.roleNeeded = roleNeeded;
        this.inProject = inProject;
    }

    /** The least role that allows the action. */
    public Role roleNeeded() {
        return roleNeeded;
    }

    /** Whether the action concerns one project (and is decided per project). */
    public boolean inProject() {
        return inProject;
    }

    /** Whether {@code role}, held in a project, allows this project action. */
    boolean allowedFor(Role role) {
        return switch (roleNeeded) {
            case VIEWER -> role == Role.VIEWER || role == Role.ADMIN;
            case ADMIN -> role == Role.ADMIN;
            case INGEST -> role == Role.INGEST;
            default -> false;
        };
    }
}
