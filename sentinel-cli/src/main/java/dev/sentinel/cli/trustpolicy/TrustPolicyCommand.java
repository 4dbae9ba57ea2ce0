package dev.sentinel.cli.trustpolicy;

import dev.sentinel.cli.MissingSubcommandException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel trust-policy}: which workloads' platform tokens stand for which pass (workload identity federation). */
@Command(name = "trust-policy", mixinStandardHelpOptions = true,
        description = {"Create, list, show and delete the trust policies of a project: the identity tokens of",
            "which workloads (GitHub Actions, GitLab CI, Kubernetes, SPIFFE…) a pass accepts instead of a secret."},
        subcommands = {TrustPolicyCreateCommand.class, TrustPolicyListCommand.class, TrustPolicyShowCommand.class,
            TrustPolicyDeleteCommand.class})
public final class TrustPolicyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new MissingSubcommandException(spec.commandLine());
    }
}
