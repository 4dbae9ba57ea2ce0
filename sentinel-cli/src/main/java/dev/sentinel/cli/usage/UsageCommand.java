package dev.sentinel.cli.usage;

import dev.sentinel.cli.options.Candidates;
import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.pass.PassIdConverter;
import dev.sentinel.cli.render.Fields;
import dev.sentinel.cli.render.Figures;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.application.analytics.UsageMetrics;
import dev.sentinel.core.application.analytics.UsageRange;
import dev.sentinel.core.application.analytics.UsageReport;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.wire.UsageJson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sentinel usage ID [--range 24h|7d|30d]}: the Usage view of a pass, with a chart of its timeline. */
@Command(name = "usage", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show a pass's usage: requests, success rate, latency, errors and a chart.",
            "Over the last 24 hours (hourly points) or 7 or 30 days (daily points, UTC):",
            "requests, success rate, average latency and its colour, p95 latency, unique",
            "endpoints, error rate (warned above 5 %%), and a chart of requests and success",
            "rate per point."})
public final class UsageCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PASS_ID", converter = PassIdConverter.class, description = "The pass, e.g. SP-2026-A1B2C3.")
    PassId passId;

    @Option(names = "--range", paramLabel = "RANGE", completionCandidates = Candidates.UsageRanges.class, defaultValue = "24h",
            description = "24h (hourly points), 7d or 30d (daily points). Default: ${DEFAULT-VALUE}.")
    String range;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        UsageRange checkedRange = UsageRange.parse(range);
        try (Store store = Store.open(storeOptions)) {
            UsageReport report = store.sentinel().usage()
                    .usage(passId, checkedRange);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json.enabled() ? Json.write(UsageJson.of(report)) + "\n" : text(report));
            out.flush();
        }
        return 0;
    }

    private String text(UsageReport report) {
        UsageRange range = report.range();
        boolean hourly = range == UsageRange.LAST_24_HOURS;
        String window = hourly ? "24 hours (hourly points, UTC)" : range.points() + " days (daily points, UTC)";
        return "Usage of " + passId + " over the last " + window + "\n\n"
                + metrics(report.metrics()) + "\n" + UsageChart.render(report);
    }

    private String metrics(UsageMetrics metrics) {
        boolean used = metrics.totalRequests() > 0;
        Ansi ansi = spec.commandLine().getColorScheme().ansi();
        String latencyClass = metrics.latencyClass().code();
        String latency = Figures.averageMillis(metrics.avgLatencyMs()) + " (" + latencyClass + ")";
        String errorRate = Figures.percent(metrics.errorRate());
        if (metrics.errorRateWarning()) {
            errorRate = ansi.string("@|bold,red " + errorRate + "  ⚠ above "
                    + Figures.percent(UsageMetrics.ERROR_RATE_WARNING_PERCENT) + "|@");
        }
        return Fields.create()
                .add("Total requests", Figures.count(metrics.totalRequests()))
                .add("Success rate", used ? Figures.percent(metrics.successRate()) : null)
                .add("Average latency", used ? ansi.string("@|" + latencyClass + " " + latency + "|@") : null)
                .add("p95 latency", used ? Figures.millis(metrics.p95LatencyMs()) : null)
                .add("Unique endpoints", Figures.count(metrics.uniqueEndpoints()))
                .add("Error rate", used ? errorRate : null)
                .render();
    }
}
