package dev.sentinel.cli.audit;

import dev.sentinel.cli.MissingSubcommandException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel audit}: read, export and verify the audit trail. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "List, export and verify the audit trail: who changed what, and security events.",
        subcommands = {AuditListCommand.class, AuditExportCommand.class, AuditVerifyCommand.class})
public final class AuditCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new MissingSubcommandException(spec.commandLine());
    }
}
