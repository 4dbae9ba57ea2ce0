package dev.sentinel.cli.account;

import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.core.domain.access.Account;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sentinel account delete EMAIL}: the account with its memberships, recovery codes and SSO links. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete an account with its memberships, recovery codes and SSO links. Audited.")
final class AccountDeleteCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "EMAIL", description = "The account's email.")
    String email;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        Account account = Accounts.change(storeOptions, email, (store, found) -> store.accounts().delete(found.id()));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Deleted account " + account.email() + ".");
        out.flush();
        return 0;
    }
}
