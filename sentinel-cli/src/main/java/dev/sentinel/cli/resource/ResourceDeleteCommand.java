package dev.sentinel.cli.resource;

import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.core.domain.resource.ResourceId;
import dev.sentinel.core.domain.resource.ResourceNotFoundException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sentinel resource delete ID}. Audited. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete a resource: the project's passes may no longer ask tokens for it unless it is one of",
            "their allowed audiences (tokens already issued live on). Audited."})
final class ResourceDeleteCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The resource, e.g. rs_0123456789abcdef.")
    String id;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        if (!ResourceId.isWellFormed(id)) {
            throw new ResourceNotFoundException(id);
        }
        try (Store store = Store.open(storeOptions)) {
            store.sentinel().resources().delete(Store.PRINCIPAL, new ResourceId(id));
        }
        spec.commandLine().getOut().println("Deleted resource " + id + ".");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
