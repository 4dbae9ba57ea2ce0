package dev.sentinel.cli.account;

import dev.sentinel.cli.MissingSubcommandException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel account}: people's accounts, from the command line on the store (acting as an owner). */
@Command(name = "account", mixinStandardHelpOptions = true,
        description = "Create, list and delete people's accounts; change their roles; reset their second factor.",
        subcommands = {AccountCreateCommand.class, AccountListCommand.class, AccountRoleCommand.class,
            AccountDeleteCommand.class, AccountResetTotpCommand.class})
public final class AccountCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new MissingSubcommandException(spec.commandLine());
    }
}
