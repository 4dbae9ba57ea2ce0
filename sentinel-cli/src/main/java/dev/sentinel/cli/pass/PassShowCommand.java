package dev.sentinel.cli.pass;

import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.render.Figures;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.application.analytics.PassOverview;
import dev.sentinel.core.wire.PassJson;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code sentinel pass show ID}: the pass's metadata and its overview figures. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a pass: its metadata and overview (requests, success rate, latency, last used).")
final class PassShowCommand extends OnePassCommand {

    @Override
    void run(Store store, PrintWriter out) {
        PassOverview overview = store.sentinel().usage().overview(passId);
        Instant now = store.sentinel().clock().instant();
        if (json.enabled()) {
            Map<String, Object> document = PassViews.json(overview.pass(), now);
            document.put("stats", PassJson.stats(overview));
            out.println(Json.write(document));
        } else {
            boolean used = overview.totalRequests() > 0;
            out.print(PassViews.fields(overview.pass(), now)
                    .add("Total requests", Figures.count(overview.totalRequests()))
                    .add("Success rate", used ? Figures.percent(overview.successRate()) : null)
                    .add("Average latency", used ? Figures.averageMillis(overview.avgLatencyMs()) : null)
                    .add("Last used", overview.lastUsed().map(Figures::instant).orElse("never"))
                    .render());
        }
    }
}
