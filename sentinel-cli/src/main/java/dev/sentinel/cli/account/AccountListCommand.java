package dev.sentinel.cli.account;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Figures;
import dev.sentinel.cli.render.Listing;
import dev.sentinel.cli.render.Table;
import dev.sentinel.core.domain.access.Account;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel account list}: every account by email, with its roles and factors (never a secret). */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the accounts by email, with their roles, whether they have a password and a second factor.")
final class AccountListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        List<Map<String, Object>> documents = new ArrayList<>();
        Table table = Table.withHeader("EMAIL", "NAME", "ROLES", "PASSWORD", "2FA", "CREATED (UTC)", "DISABLED");
        try (Store store = Store.open(storeOptions)) {
            for (Account account : store.accounts().list()) {
                var memberships = Accounts.memberships(store.memberships(), account);
                documents.add(Accounts.json(account, memberships));
                table.row(account.email(), account.displayName(), Accounts.roles(account, memberships),
                        account.passwordHash().isPresent() ? "yes" : "not set",
                        account.totp().map(totp -> totp.isConfirmed() ? "yes" : "pending").orElse("no"),
                        Figures.instant(account.createdAt()), account.disabledAt().map(Figures::instant).orElse(""));
            }
        }
        Listing.print(spec.commandLine().getOut(), json.enabled(), () -> documents, documents.isEmpty(),
                "No accounts yet. Create the first owner with: sentinel account create EMAIL --role owner", () -> table);
        return 0;
    }
}
