package dev.sentinel.cli.trustpolicy;

import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.core.domain.federation.TrustPolicyId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sentinel trust-policy delete ID}: its workloads' tokens are refused from now on. Audited. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete a trust policy: its workloads' tokens are refused from now on (access tokens",
            "already issued live on; deactivate the pass to end them too). Audited."})
final class TrustPolicyDeleteCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The policy, e.g. tp_0123456789abcdef.")
    String id;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        try (Store store = Store.open(storeOptions)) {
            store.trustPolicies().delete(Store.PRINCIPAL, new TrustPolicyId(id));
        }
        spec.commandLine().getOut().println("Deleted trust policy " + id + ".");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
