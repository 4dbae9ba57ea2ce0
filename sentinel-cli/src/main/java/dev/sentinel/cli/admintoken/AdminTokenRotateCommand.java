package dev.sentinel.cli.admintoken;

import dev.sentinel.cli.options.JsonOption;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.application.AdminTokens;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sentinel admin-token rotate}: a new admin token for the store, printed once; the old one stops working on
 * running servers within {@value AdminTokens#REFRESH_SECONDS} seconds. Servers with a configured
 * {@code SENTINEL_ADMIN_TOKEN} ignore the stored token, which this says every time.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Issue a new admin token for the store and print it (shown only this once).",
            "Running servers that use the stored token accept the new one within about",
            "a second and refuse the old one within " + AdminTokens.REFRESH_SECONDS + " seconds. Audited (actor cli).",
            "Servers started with env " + AdminTokenRotateCommand.ADMIN_TOKEN_ENV + " set ignore the stored",
            "token: they keep accepting only the configured one.",
            ""})
public final class AdminTokenRotateCommand implements Callable<Integer> {

    static final String ADMIN_TOKEN_ENV = "SENTINEL_ADMIN_TOKEN";

    @Spec
    private CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        String token;
        try (Store store = Store.open(storeOptions)) {
            token = store.sentinel().rotateAdminToken(Store.CLI);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String timing = "Servers that use the stored admin token accept the new one within about a second and refuse "
                + "the old one within " + AdminTokens.REFRESH_SECONDS + " seconds.";
        String configured = "Servers started with " + ADMIN_TOKEN_ENV + " set ignore the stored token and keep "
                + "accepting only the configured one.";
        if (json.enabled()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("admin_token", token);
            document.put("old_token_refused_within_seconds", AdminTokens.REFRESH_SECONDS);
            out.println(Json.write(document));
            err.println(timing + " " + configured);
        } else {
            out.println("New admin token (shown only this once, store it now): " + token);
            out.println(timing);
            out.println(configured);
        }
        out.flush();
        String inEnvironment = System.getenv(ADMIN_TOKEN_ENV);
        if (inEnvironment != null && !inEnvironment.isBlank()) {
            err.println("warning: " + ADMIN_TOKEN_ENV + " is set in this environment: a server started from it uses "
                    + "that token and ignores the new one; unset it, or set it to the new token, before starting servers.");
        }
        err.flush();
        return 0;
    }
}
