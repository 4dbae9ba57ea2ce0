package dev.sentinel.http.admin;

import dev.sentinel.core.application.access.AccessAction;
import dev.sentinel.core.application.access.MembershipService;
import dev.sentinel.core.application.project.ProjectOverview;
import dev.sentinel.core.application.project.ProjectService;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.Project;
import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.domain.access.Membership;
import dev.sentinel.core.port.in.Principal;
import dev.sentinel.core.wire.Timestamps;
import dev.sentinel.http.access.Access;
import dev.sentinel.http.access.Callers;
import dev.sentinel.http.web.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The project records and their members: {@code GET /api/v1/projects} lists the caller's projects (owners: all),
 * {@code POST} creates one and {@code DELETE} removes an empty one (owners); members are read by the project's
 * viewers and changed by its admins (and owners). Every change is audited with the caller's name.
 */
final class ProjectEndpoints {

    static final Set<String> CREATE_FIELDS = Set.of("name", Project.DISPLAY_NAME_FIELD);
    static final Set<String> MEMBER_FIELDS = Set.of(MembershipService.ROLE_FIELD);

    private final ProjectService projects;
    private final MembershipService memberships;

    ProjectEndpoints(ProjectService projects, MembershipService memberships) {
        this.projects = projects;
        this.memberships = memberships;
    }

    void list(Context ctx) {
        Principal caller = Callers.of(ctx);
        List<Map<String, Object>> items = projects.listVisibleTo(caller).stream()
                .map(overview -> project(overview, caller)).toList();
        Json.reply(ctx, 200, Map.of("items", items, "total", items.size()));
    }

    void create(Context ctx) {
        Principal caller = Access.serverWide(ctx, AccessAction.CREATE_PROJECT);
        Map<String, String> body = JsonBodies.read(ctx, CREATE_FIELDS, false);
        Project created;
        try {
            created = projects.as(caller.actor()).create(body.get("name"), body.get(Project.DISPLAY_NAME_FIELD));
        } catch (ValidationException invalid) {
            // the project-name rules name the field "project", as in a pass's path; this body calls it "name"
            throw new ValidationException(invalid.violations().stream().map(violation -> violation.field()
                    .equals("project") ? new FieldViolation("name", violation.rule()) : violation).toList());
        }
        ctx.header("Location", "/api/v1/projects/" + created.name().value());
        Json.reply(ctx, 201, project(new ProjectOverview(created, 0, Optional.empty()), caller));
    }

    void delete(Context ctx) {
        Principal caller = Access.serverWide(ctx, AccessAction.DELETE_PROJECT);
        projects.as(caller.actor()).delete(ProjectId.of(ctx.pathParam("project")));
        ctx.status(204);
    }

    void members(Context ctx) {
        Access.onProject(ctx, AccessAction.READ_PROJECT);
        List<Map<String, Object>> items = memberships.members(ProjectId.of(ctx.pathParam("project"))).stream()
                .map(ProjectEndpoints::member).toList();
        Json.reply(ctx, 200, Map.of("items", items, "total", items.size()));
    }

    void putMember(Context ctx) {
        Principal caller = Access.onProject(ctx, AccessAction.MANAGE_MEMBERS);
        Map<String, String> body = JsonBodies.read(ctx, MEMBER_FIELDS, false);
        ProjectId project = ProjectId.of(ctx.pathParam("project"));
        Email email = Email.of(ctx.pathParam("email"));
        memberships.as(caller.actor()).put(project, email, body.get(MembershipService.ROLE_FIELD));
        MembershipService.Member member = memberships.members(project).stream()
                .filter(candidate -> candidate.account().email().equals(email)).findFirst().orElseThrow();
        Json.reply(ctx, 200, member(member));
    }

    void removeMember(Context ctx) {
        Principal caller = Access.onProject(ctx, AccessAction.MANAGE_MEMBERS);
        boolean removed = memberships.as(caller.actor()).remove(ProjectId.of(ctx.pathParam("project")),
                Email.of(ctx.pathParam("email")));
        if (!removed) {
            throw new dev.sentinel.http.problem.HttpProblem(404, ctx.pathParam("email") + " is no member of "
                    + ctx.pathParam("project"));
        }
        ctx.status(204);
    }

    /**
     * One project: {@code name}, {@code display_name}, {@code passes}, {@code last_activity} (null when never),
     * {@code created_at} and the caller's {@code role} in it ({@code owner} for owners).
     */
    private static Map<String, Object> project(ProjectOverview overview, Principal caller) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", overview.project().name().value());
        json.put("display_name", overview.project().displayName().orElse(null));
        json.put("passes", overview.passes());
        json.put("last_activity", Timestamps.formatOrNull(overview.lastActivity()));
        json.put("created_at", Timestamps.format(overview.project().createdAt()));
        json.put("role", caller.isOwner() ? "owner"
                : caller.roleIn(overview.project().name()).map(role -> role.code()).orElse(null));
        return json;
    }

    private static Map<String, Object> member(MembershipService.Member member) {
        Membership membership = member.membership();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("email", member.account().email().value());
        json.put("display_name", member.account().displayName());
        json.put("role", membership.role().code());
        json.put("since", Timestamps.format(membership.since()));
        return json;
    }
}
