package dev.sentinel.cli.project;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Figures;
import dev.sentinel.cli.render.Listing;
import dev.sentinel.cli.render.Table;
import dev.sentinel.core.domain.ProjectSummary;
import dev.sentinel.core.wire.ProjectJson;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sentinel project list}: every project record, with its pass count and last activity. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the projects by name, with their pass counts and last activity (UTC).")
final class ProjectListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        try (Store store = Store.open(storeOptions)) {
            List<ProjectSummary> projects = store.projects().list().stream().map(overview -> new ProjectSummary(
                    overview.project().name(), overview.passes(), overview.lastActivity())).toList();
            Listing.print(spec.commandLine().getOut(), json.enabled(), () -> ProjectJson.projects(projects),
                    projects.isEmpty(), "No projects yet. Create one with: sentinel project create NAME (or with its "
                            + "first pass: sentinel pass create --project NAME …)", () -> table(projects));
        }
        return 0;
    }

    private static Table table(List<ProjectSummary> projects) {
        Table table = Table.withHeader("PROJECT", "PASSES", "LAST ACTIVITY (UTC)");
        for (ProjectSummary project : projects) {
            table.row(project.name(), Figures.count(project.passes()),
                    project.lastActivity().map(Figures::instant).orElse("never"));
        }
        return table;
    }
}
