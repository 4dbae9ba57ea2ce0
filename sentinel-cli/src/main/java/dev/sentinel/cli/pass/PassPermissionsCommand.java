package dev.sentinel.cli.pass;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Fields;
import dev.sentinel.cli.render.Json;
import dev.sentinel.cli.render.Table;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PermissionsView;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.http.admin.PassJson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sentinel pass permissions ID}: the read-only Permissions view. */
@Command(name = "permissions", mixinStandardHelpOptions = true,
        description = "Show a pass's permissions with labels, its access profile, capabilities and validity.")
final class PassPermissionsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PASS_ID", converter = PassIdConverter.class, description = "The pass, e.g. SP-2026-A1B2C3.")
    PassId passId;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        try (Store store = Store.open(storeOptions)) {
            SentinelPass pass = store.passes().get(passId);
            PermissionsView view = PermissionsView.of(pass.pass(), store.sentinel().clock().instant());
            PrintWriter out = spec.commandLine().getOut();
            out.print(json.enabled() ? Json.write(PassJson.permissions(pass, view)) + "\n" : text(view));
            out.flush();
        }
        return 0;
    }

    private static String text(PermissionsView view) {
        Table permissions = Table.withHeader("PERMISSION", "LABEL");
        view.breakdown().forEach(permission -> permissions.row(permission.permission(), permission.label()));
        String validity = view.validity().validFrom() + " to " + view.validity().validUntil()
                + " (" + view.validityState().code() + ")";
        return permissions.render() + "\n" + Fields.create()
                .add("Access profile", view.accessProfile().code())
                .add("Capabilities", String.join(", ", view.capabilities()))
                .add("Validity", validity)
                .render();
    }
}
