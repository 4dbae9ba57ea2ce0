package dev.sentinel.cli.resource;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Listing;
import dev.sentinel.cli.render.Table;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.resource.RegisteredResource;
import dev.sentinel.core.wire.ResourceJson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sentinel resource list --project P}: the project's resources, oldest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List a project's resources: id, URL, name and scopes, oldest first.")
final class ResourceListCommand implements Callable<Integer> {

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
            List<RegisteredResource> resources = store.sentinel().resources().list(Store.PRINCIPAL,
                    ProjectId.of(project));
            Listing.print(spec.commandLine().getOut(), json.enabled(),
                    () -> Map.of("resources", resources.stream().map(ResourceJson::resource).toList()),
                    resources.isEmpty(), "No resources in " + project + " yet. Register one with: sentinel resource "
                            + "create --project " + project + " --resource URL --name NAME",
                    () -> table(resources));
        }
        return 0;
    }

    private static Table table(List<RegisteredResource> resources) {
        Table table = Table.withHeader("ID", "RESOURCE", "NAME", "SCOPES");
        resources.forEach(resource -> table.row(resource.id().value(), resource.identifier(), resource.name(),
                ResourceViews.scopes(resource)));
        return table;
    }
}
