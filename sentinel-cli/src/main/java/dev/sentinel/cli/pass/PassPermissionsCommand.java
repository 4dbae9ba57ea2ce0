package dev.sentinel.cli.pass;

import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.render.Fields;
import dev.sentinel.cli.render.Json;
import dev.sentinel.cli.render.Table;
import dev.sentinel.core.domain.PermissionsView;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.wire.PassJson;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code sentinel pass permissions ID}: the read-only Permissions view. */
@Command(name = "permissions", mixinStandardHelpOptions = true,
        description = "Show a pass's permissions with labels, its access profile, capabilities and validity.")
final class PassPermissionsCommand extends OnePassCommand {

    @Override
    void run(Store store, PrintWriter out) {
        SentinelPass pass = store.passes().get(passId);
        PermissionsView view = PermissionsView.of(pass.pass(), store.sentinel().clock().instant());
        out.print(json.enabled() ? Json.write(PassJson.permissions(pass, view)) + "\n" : text(view));
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
