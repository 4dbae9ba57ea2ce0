package dev.sentinel.cli.accesskey;

import dev.sentinel.cli.MissingSubcommandException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel access-key}: keys for automation, presented as {@code Authorization: Bearer sak_…}. */
@Command(name = "access-key", mixinStandardHelpOptions = true,
        description = "Create, list and revoke access keys for automation (Authorization: Bearer sak_...).",
        subcommands = {AccessKeyCreateCommand.class, AccessKeyListCommand.class, AccessKeyRevokeCommand.class})
public final class AccessKeyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new MissingSubcommandException(spec.commandLine());
    }
}
