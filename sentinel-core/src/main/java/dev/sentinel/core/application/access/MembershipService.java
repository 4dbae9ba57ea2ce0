package dev.sentinel.core.application.access;

import dev.sentinel.core.domain.AuditEntry;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ProjectNotFoundException;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.AccountNotFoundException;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.domain.access.Membership;
import dev.sentinel.core.domain.access.Role;
import dev.sentinel.core.port.in.Actor;
import dev.sentinel.core.port.out.Storage;
import dev.sentinel.core.port.out.StorageSession;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is admin or viewer of a project: put (add or change the role), remove, list per project and per account. Every
 * change is one transaction with its audit entry (in the project). Immutable and thread-safe; {@link #as(Actor)} names
 * who acts.
 */
public final class MembershipService {

    public static final String ROLE_FIELD = "role";

    private final Storage storage;
    private final Clock clock;
    private final Actor actor;

    public MembershipService(Storage storage, Clock clock, Actor actor) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    public MembershipService as(Actor who) {
        return new MembershipService(storage, clock, who);
    }

    /** A member: the account and its membership. */
    public record Member(Account account, Membership membership) {
    }

    /**
     * Makes the account with {@code email} {@code role} ({@code admin} or {@code viewer}) of the project.
     *
     * @throws ProjectNotFoundException  when there is no such project
     * @throws AccountNotFoundException when no account has the email
     */
    public Membership put(ProjectId project, Email email, String role) {
        Role checked = Role.parse(ROLE_FIELD, role, Role.ADMIN, Role.VIEWER);
        return storage.inTransaction(session -> {
            Instant now = clock.instant();
            session.projects().findForUpdate(project).orElseThrow(() -> new ProjectNotFoundException(project.value()));
            Account account = session.accounts().findByEmail(email)
                    .orElseThrow(() -> new AccountNotFoundException(email.value()));
            Optional<Membership> before = session.memberships().find(project, account.id());
            Membership membership = new Membership(project, account.id(), checked, before.map(Membership::since).orElse(now));
            session.memberships().put(membership);
            audit(session, now, "membership.put", project, "account=" + email + " role="
                    + before.map(previous -> previous.role().code() + " -> ").orElse("") + checked.code());
            return membership;
        });
    }

    /** Removes the account from the project; false when it was no member. */
    public boolean remove(ProjectId project, Email email) {
        return storage.inTransaction(session -> {
            session.projects().findForUpdate(project).orElseThrow(() -> new ProjectNotFoundException(project.value()));
            Account account = session.accounts().findByEmail(email)
                    .orElseThrow(() -> new AccountNotFoundException(email.value()));
            boolean removed = session.memberships().remove(project, account.id());
            if (removed) {
                audit(session, clock.instant(), "membership.remove", project, "account=" + email);
            }
            return removed;
        });
    }

    /** The project's members, in the order they joined. */
    public List<Member> members(ProjectId project) {
        return storage.read(session -> {
            session.projects().find(project).orElseThrow(() -> new ProjectNotFoundException(project.value()));
            return session.memberships().listByProject(project).stream().flatMap(membership -> session.accounts()
                    .find(membership.account()).map(account -> new Member(account, membership)).stream()).toList();
        });
    }

    /** The memberships of the account with {@code email}, by project. */
    public List<Membership> of(Email email) {
        return storage.read(session -> session.accounts().findByEmail(email)
                .map(account -> session.memberships().listByAccount(account.id()))
                .orElseThrow(() -> new AccountNotFoundException(email.value())));
    }

    private void audit(StorageSession session, Instant now, String action, ProjectId project, String detail) {
        session.audit().record(new AuditEntry(now, actor.name(), action, Optional.empty(), detail).inProject(project));
    }
}
