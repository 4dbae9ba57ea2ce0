package dev.sentinel.cli.pass;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Json;
import dev.sentinel.cli.render.Table;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.SentinelPass;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sentinel pass list --project P}: the project's passes, oldest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the passes of a project, oldest first.")
final class PassListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "The project to list.")
    String project;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        ProjectId projectId = ProjectId.of(project);
        try (Store store = Store.open(storeOptions)) {
            List<SentinelPass> passes = store.passes().list(projectId);
            Instant now = store.sentinel().clock().instant();
            PrintWriter out = spec.commandLine().getOut();
            if (json.enabled()) {
                out.println(Json.write(passes.stream().map(pass -> PassViews.json(pass, now)).toList()));
            } else if (passes.isEmpty()) {
                out.println("No passes in project " + projectId + ".");
            } else {
                out.print(table(passes, now).render());
            }
            out.flush();
        }
        return 0;
    }

    private static Table table(List<SentinelPass> passes, Instant now) {
        Table table = Table.withHeader("PASS ID", "AGENT NAME", "AGENT TYPE", "STATUS", "ACCESS", "USAGE TYPE",
                "VALID UNTIL", "CLIENT ID");
        for (SentinelPass sentinelPass : passes) {
            Pass pass = sentinelPass.pass();
            table.row(pass.passId(), sentinelPass.agent().name(), sentinelPass.agent().type(), PassViews.status(pass),
                    pass.accessLevel().code(), pass.usageType().code(),
                    pass.validity().validUntil() + " (" + pass.validity().stateAt(now).code() + ")", pass.clientId());
        }
        return table;
    }
}
