package dev.sentinel.cli;

import dev.sentinel.cli.accesskey.AccessKeyCommand;
import dev.sentinel.cli.account.AccountCommand;
import dev.sentinel.cli.activity.ActivityCommand;
import dev.sentinel.cli.audit.AuditCommand;
import dev.sentinel.cli.admintoken.AdminTokenCommand;
import dev.sentinel.cli.healthcheck.HealthcheckCommand;
import dev.sentinel.cli.keys.KeysCommand;
import dev.sentinel.cli.render.HelpLayout;
import dev.sentinel.cli.pass.PassCommand;
import dev.sentinel.cli.project.ProjectCommand;
import dev.sentinel.cli.serve.ServeCommand;
import dev.sentinel.cli.trustpolicy.TrustPolicyCommand;
import dev.sentinel.cli.usage.UsageCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code sentinel} command: the server and the admin tool for Sentinel Passes. Exit codes are
 * {@code 0} for success, {@code 1} for a failure and {@code 2} for a usage error.
 */
@Command(name = "sentinel", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Machine credentials (Sentinel Passes) for AI agents and automation.",
        subcommands = {ServeCommand.class, PassCommand.class, ProjectCommand.class, UsageCommand.class,
            ActivityCommand.class, AccountCommand.class, AccessKeyCommand.class, AuditCommand.class,
            dev.sentinel.cli.alert.AlertCommand.class,
            KeysCommand.class, AdminTokenCommand.class, BackupCommand.class, TrustPolicyCommand.class,
            HealthcheckCommand.class, dev.sentinel.cli.allowedhost.AllowedHostCommand.class,
            dev.sentinel.cli.resource.ResourceCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (the message says what failed)", "2:usage error (bad option or value)"})
public final class SentinelCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show the stack trace of an error, not only its message.")
    boolean verbose;

    /** H2's listener for the CLI beside a running server (AUTO_SERVER) listens on loopback only. */
    static final String H2_BIND_ADDRESS = "h2.bindAddress";

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String... args) {
        bindH2ToLoopback();
        System.exit(newCommandLine().execute(args));
    }

    /**
     * Before any H2 class loads (it reads the property once): the embedded database's mixed-mode listener binds to
     * 127.0.0.1 instead of every interface. Only this entry point sets it, never the library for embedders; an
     * explicit {@code -Dh2.bindAddress} is kept.
     */
    static void bindH2ToLoopback() {
        if (System.getProperty(H2_BIND_ADDRESS) == null) {
            System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
        }
    }

    /** A fully configured command line printing to standard out and err; tests replace the writers. */
    public static CommandLine newCommandLine() {
        return configure(new CommandLine(new SentinelCommand()));
    }

    /** Installs the error handlers that turn failures into one line on stderr and an exit code. */
    public static CommandLine configure(CommandLine commandLine) {
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setOut(new PrintWriter(System.out, true));
        commandLine.setErr(new PrintWriter(System.err, true));
        HelpLayout.install(commandLine);
        return commandLine;
    }

    /** {@code sentinel} alone prints the commands, like {@code sentinel help}. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
