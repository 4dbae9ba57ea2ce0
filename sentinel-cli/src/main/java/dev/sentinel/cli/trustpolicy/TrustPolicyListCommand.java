package dev.sentinel.cli.trustpolicy;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Listing;
import dev.sentinel.cli.render.Table;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.federation.ClaimCondition;
import dev.sentinel.core.domain.federation.TrustPolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sentinel trust-policy list --project P}: the project's policies, oldest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List a project's trust policies: id, pass, issuer and conditions, oldest first.")
final class TrustPolicyListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "The project.")
    String project;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        try (Store store = Store.open(storeOptions)) {
            List<TrustPolicy> policies = store.trustPolicies().list(Store.PRINCIPAL, ProjectId.of(project));
            Listing.print(spec.commandLine().getOut(), json.enabled(),
                    () -> Map.of("trust_policies", policies.stream().map(TrustPolicyViews::json).toList()),
                    policies.isEmpty(), "No trust policies in " + project + " yet. Create one with: sentinel "
                            + "trust-policy create --project " + project + " --pass PASS_ID --preset …",
                    () -> table(policies));
        }
        return 0;
    }

    private static Table table(List<TrustPolicy> policies) {
        Table table = Table.withHeader("ID", "PASS", "ISSUER", "CONDITIONS");
        for (TrustPolicy policy : policies) {
            table.row(policy.id().value(), policy.passId().value(), policy.issuer(),
                    policy.conditions().stream().map(ClaimCondition::toString).collect(Collectors.joining(" ")));
        }
        return table;
    }
}
