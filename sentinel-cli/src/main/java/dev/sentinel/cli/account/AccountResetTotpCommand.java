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

/** {@code sentinel account reset-2fa EMAIL}: removes the second factor and recovery codes (a lost phone). */
@Command(name = "reset-2fa", mixinStandardHelpOptions = true,
        description = {"Remove an account's second factor and recovery codes, e.g. after a lost phone;",
            "the person enrols again at the next sign-in. Audited."})
final class AccountResetTotpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "EMAIL", description = "The account's email.")
    String email;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        Account account = Accounts.change(storeOptions, email,
                (store, found) -> store.accounts().resetTotp(found.id()));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Removed the second factor and recovery codes of " + account.email()
                + "; they enrol again at their next sign-in.");
        out.flush();
        return 0;
    }
}
