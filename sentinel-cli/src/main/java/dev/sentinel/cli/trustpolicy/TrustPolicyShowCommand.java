package dev.sentinel.cli.trustpolicy;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.domain.federation.TrustPolicy;
import dev.sentinel.core.domain.federation.TrustPolicyId;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sentinel trust-policy show ID}: one policy with every field. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a trust policy with every field.")
final class TrustPolicyShowCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The policy, e.g. tp_0123456789abcdef.")
    String id;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        try (Store store = Store.open(storeOptions)) {
            TrustPolicy policy = store.trustPolicies().get(Store.PRINCIPAL, new TrustPolicyId(id));
            PrintWriter out = spec.commandLine().getOut();
            if (json.enabled()) {
                out.println(Json.write(TrustPolicyViews.json(policy)));
            } else {
                TrustPolicyViews.print(out, policy);
            }
            out.flush();
        }
        return 0;
    }
}
