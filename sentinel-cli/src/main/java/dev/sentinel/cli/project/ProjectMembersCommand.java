package dev.sentinel.cli.project;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Figures;
import dev.sentinel.cli.render.Json;
import dev.sentinel.cli.render.Table;
import dev.sentinel.core.application.access.MembershipService;
import dev.sentinel.core.application.access.MembershipService.Member;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ProjectNotFoundException;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.access.AccountNotFoundException;
import dev.sentinel.core.domain.access.Email;
import dev.sentinel.core.domain.access.Role;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sentinel project members NAME [--set EMAIL=ROLE]… [--remove EMAIL]…}: lists the project's members, after
 * making the changes asked for. Every change is checked before the first is made (the project, each email, each role,
 * each account), so a mistake changes nothing; each change is audited.
 */
@Command(name = "members", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List a project's members; --set and --remove change them first.",
            "Every change is checked before any is made; each is audited."})
final class ProjectMembersCommand implements Callable<Integer> {

    static final String SET_FIELD = "set";
    static final String REMOVE_FIELD = "remove";

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The project's name.")
    String name;

    @Option(names = "--set", paramLabel = "EMAIL=ROLE",
            description = "Make the account with EMAIL admin or viewer of the project (repeatable).")
    List<String> set = new ArrayList<>();

    @Option(names = "--remove", paramLabel = "EMAIL", description = "Remove the account with EMAIL (repeatable).")
    List<String> remove = new ArrayList<>();

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        Violations violations = new Violations();
        ProjectId project = violations.check(() -> ProjectId.of(name));
        Map<Email, String> roles = new LinkedHashMap<>();
        for (int i = 0; i < set.size(); i++) {
            String item = set.get(i);
            String field = SET_FIELD + "[" + i + "]";
            int equals = item.lastIndexOf('=');
            if (equals < 0) {
                violations.add(field, "must be EMAIL=ROLE, e.g. ana@example.com=viewer (got '" + item + "')");
                continue;
            }
            Email email = violations.check(() -> Email.of(item.substring(0, equals)));
            String role = item.substring(equals + 1).strip();
            violations.check(() -> Role.parse(field, role, Role.ADMIN, Role.VIEWER));
            if (email != null) {
                roles.put(email, role);
            }
        }
        List<Email> removed = new ArrayList<>();
        for (String item : remove) {
            Email email = violations.check(() -> Email.of(item));
            if (email != null) {
                removed.add(email);
            }
        }
        violations.throwIfAny();
        List<Member> members;
        try (Store store = Store.open(storeOptions)) {
            MembershipService memberships = store.memberships();
            checkBeforeChanging(store, project, roles, removed);
            roles.forEach((email, role) -> memberships.put(project, email, role));
            removed.forEach(email -> memberships.remove(project, email));
            members = memberships.members(project);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            out.println(Json.write(ProjectRecords.members(members)));
        } else if (members.isEmpty()) {
            out.println("Project " + project + " has no members. Owners reach every project; add one with: "
                    + "sentinel project members " + project + " --set EMAIL=admin");
        } else {
            Table table = Table.withHeader("EMAIL", "NAME", "ROLE", "SINCE (UTC)");
            members.forEach(member -> table.row(member.account().email(), member.account().displayName(),
                    member.membership().role().code(), Figures.instant(member.membership().since())));
            out.print(table.render());
        }
        out.flush();
        return 0;
    }

    /** The project and every account named exist, or nothing is changed. */
    private static void checkBeforeChanging(Store store, ProjectId project, Map<Email, String> roles,
                                            List<Email> removed) {
        if (store.projects().find(project).isEmpty()) {
            throw new ProjectNotFoundException(project.value());
        }
        List<Email> named = new ArrayList<>(roles.keySet());
        named.addAll(removed);
        List<String> unknown = named.stream().filter(email -> store.accounts().findByEmail(email).isEmpty())
                .map(Email::value).distinct().toList();
        if (unknown.size() == 1) {
            throw new AccountNotFoundException(unknown.get(0));
        }
        if (!unknown.isEmpty()) {
            throw new dev.sentinel.cli.CommandFailedException("no accounts with the emails " + String.join(", ", unknown)
                    + "; nothing was changed");
        }
    }
}
