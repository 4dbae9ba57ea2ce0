package dev.sentinel.cli.account;

import dev.sentinel.cli.options.Candidates;
import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ProjectNotFoundException;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.access.Account;
import dev.sentinel.core.domain.access.Role;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sentinel account role EMAIL --role owner|admin|viewer [--project NAME]…}: {@code owner} makes the account an
 * owner; {@code admin} or {@code viewer} takes the owner role away (when it had it) and gives that role in each
 * {@code --project}. Other memberships stay (remove them with {@code project members NAME --remove EMAIL}).
 */
@Command(name = "role", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Change an account's role: owner (server-wide), or admin or viewer of the",
            "--project projects (this also takes away the owner role). Other memberships stay. Audited."})
final class AccountRoleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "EMAIL", description = "The account's email.")
    String email;

    @Option(names = "--role", paramLabel = "ROLE", required = true, completionCandidates = Candidates.AccountRoles.class,
            description = "owner, admin or viewer.")
    String role;

    @Option(names = "--project", paramLabel = "NAME",
            description = "A project for admin or viewer (repeatable; at least one for those roles).")
    List<String> projects = new ArrayList<>();

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        Violations violations = new Violations();
        Role checked = violations.check(() -> Role.parse(AccountCreateCommand.ROLE_FIELD, role, Role.OWNER, Role.ADMIN,
                Role.VIEWER));
        List<ProjectId> named = AccountCreateCommand.projects(violations, checked, projects);
        violations.throwIfAny();
        Account changed;
        try (Store store = Store.open(storeOptions)) {
            Account account = Accounts.byEmail(store, email);
            named.forEach(project -> store.projects().find(project)
                    .orElseThrow(() -> new ProjectNotFoundException(project.value())));
            if (checked == Role.OWNER) {
                changed = account.owner() ? account : store.accounts().setOwner(account.id(), true);
            } else {
                changed = account.owner() ? store.accounts().setOwner(account.id(), false) : account;
                named.forEach(project -> store.memberships().put(project, account.email(), checked.code()));
            }
            PrintWriter out = spec.commandLine().getOut();
            var memberships = Accounts.memberships(store.memberships(), changed);
            if (json.enabled()) {
                out.println(Json.write(Accounts.json(changed, memberships)));
            } else {
                out.println(changed.email() + " is now " + Accounts.roles(changed, memberships) + ".");
            }
            out.flush();
        }
        return 0;
    }
}
