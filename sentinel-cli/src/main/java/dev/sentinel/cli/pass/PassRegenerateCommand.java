package dev.sentinel.cli.pass;

import dev.sentinel.cli.options.DurationConverter;
import dev.sentinel.cli.options.HasherOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Figures;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.domain.Credential;
import dev.sentinel.core.domain.IssuedCredentials;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.wire.Timestamps;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sentinel pass regenerate ID [--grace D]}: a new secret, shown once; the old one ends now or after D. */
@Command(name = "regenerate", mixinStandardHelpOptions = true,
        description = {"Issue a new client secret and print it (shown only this once).",
            "The old secret stops working at once, or at the end of --grace for a zero-downtime rotation."})
final class PassRegenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PASS_ID", converter = PassIdConverter.class, description = "The pass, e.g. SP-2026-A1B2C3.")
    PassId passId;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "0", converter = DurationConverter.class,
            description = "How long the old secret keeps working: e.g. 30m, 1h, 2d, PT1H (at most 30 days). "
                    + "Default: 0 (stops at once).")
    Duration grace;

    @Mixin
    CredentialsFormatOption format;

    @Mixin
    HasherOption hasher;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        try (Store store = Store.open(storeOptions, hasher.hasher())) {
            IssuedCredentials issued = store.passes().regenerate(passId, grace);
            List<Credential> credentials = store.passes().get(passId).agent().credentials().credentials();
            Optional<Instant> oldSecretEnds = credentials.size() > 1 ? credentials.get(1).notAfter() : Optional.empty();
            print(issued, oldSecretEnds);
        }
        return 0;
    }

    private void print(IssuedCredentials issued, Optional<Instant> oldSecretEnds) {
        PrintWriter out = spec.commandLine().getOut();
        if (format.env()) {
            out.print(issued.toBashExport());
        } else {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("pass_id", passId.value());
            json.put("credentials", PassViews.credentialsJson(issued));
            json.put("previous_secret_valid_until", Timestamps.formatOrNull(oldSecretEnds));
            out.println(Json.write(json));
        }
        out.flush();
        spec.commandLine().getErr().println("New secret for " + passId + " (shown only this once). The old secret "
                + oldSecretEnds.map(end -> "keeps working until " + Figures.instant(end)).orElse("no longer works") + ".");
        spec.commandLine().getErr().flush();
    }
}
