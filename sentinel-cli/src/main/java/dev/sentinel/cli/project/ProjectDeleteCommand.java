package dev.sentinel.cli.project;

import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.core.domain.ProjectId;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sentinel project delete NAME}: only a project without passes; its members and own access keys go with it. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete a project that holds no passes (delete or move its passes first).",
            "Its memberships go with it, and access keys for it alone are revoked. Audited."})
final class ProjectDeleteCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The project's name.")
    String name;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        ProjectId project = ProjectId.of(name);
        try (Store store = Store.open(storeOptions)) {
            store.projects().delete(project);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Deleted project " + project + ".");
        out.flush();
        return 0;
    }
}
