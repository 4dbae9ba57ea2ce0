package dev.sentinel.cli.serve;

import dev.sentinel.cli.CommandFailedException;
import dev.sentinel.core.domain.FieldViolation;
import dev.sentinel.core.domain.ValidationException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Names the node's broken settings by what {@code serve} takes them from: each option, or the env variable of a token
 * that has no option. One broken option makes it a usage error (exit 2) naming all of them; only broken tokens from
 * the environment are a failure to start (exit 1).
 */
final class ServeOptions {

    /** The option of each node setting that serve takes from one. */
    private static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("host", "--host"),
            Map.entry("port", "--port"),
            Map.entry("issuer", "--issuer"),
            Map.entry("audience", "--audience"),
            Map.entry("token_lifetime", "--token-lifetime"),
            Map.entry("signing_algorithm", "--signing-algorithm"),
            Map.entry("access_token_typ", "--access-token-typ"),
            Map.entry("scopes_supported", "--scopes-supported"),
            Map.entry("activity_retention", "--activity-retention"),
            Map.entry("audit_retention", "--audit-retention"),
            Map.entry("session_idle", "--session-idle"),
            Map.entry("session_max", "--session-max"),
            Map.entry("require_2fa", "--require-2fa"),
            Map.entry("metrics_token", "--metrics-token"),
            Map.entry("trusted_proxies", "--trusted-proxies"),
            Map.entry("throttle_ipv6_prefix", "--throttle-ipv6-prefix"),
            Map.entry("throttle_recent_success", "--throttle-recent-success"),
            Map.entry("tls_reload_interval", "--tls-reload-interval"),
            Map.entry("oidc_issuer", "--oidc-issuer"),
            Map.entry("oidc_client_id", "--oidc-client-id"),
            Map.entry("oidc_client_secret", "--oidc-client-secret-file"),
            Map.entry("oidc_name", "--oidc-name"),
            Map.entry("oidc_roles_claim", "--oidc-roles-claim"));
    /** Settings given as lists of values, whose rule names the offending value: the field is shown too. */
    private static final List<String> LISTS = List.of("trusted_proxies");

    private ServeOptions() {
    }

    /** The refusal of settings that broke {@code invalid}'s rules. */
    static RuntimeException refusal(CommandLine command, ValidationException invalid) {
        return refusal(command, invalid, List.of());
    }

    /** As {@link #refusal(CommandLine, ValidationException)}, after broken options found before the settings were built. */
    static RuntimeException refusal(CommandLine command, ValidationException invalid, List<String> optionProblems) {
        List<String> messages = new java.util.ArrayList<>(optionProblems);
        if (invalid != null) {
            invalid.violations().stream().map(ServeOptions::message).forEach(messages::add);
        }
        String message = String.join("; ", messages);
        boolean usage = !optionProblems.isEmpty() || invalid != null && invalid.violations().stream()
                .anyMatch(violation -> OPTIONS.containsKey(violation.field()));
        return usage ? new ParameterException(command, message) : new CommandFailedException(message);
    }

    /**
     * One broken rule: {@code --port must be between 0 and 65535 (got 70000)}, {@code --metrics-token: the metrics
     * token must have …}, or for a token from the environment {@code the admin token must have … (env
     * SENTINEL_ADMIN_TOKEN)}.
     */
    static String message(FieldViolation violation) {
        String option = OPTIONS.get(violation.field());
        if (option == null) {
            return violation.rule() + " (env SENTINEL_" + violation.field().toUpperCase(java.util.Locale.ROOT) + ")";
        }
        if (violation.rule().startsWith("must")) {
            return option + " " + violation.rule();
        }
        return option + ": " + (LISTS.contains(violation.field()) ? violation : violation.rule());
    }
}
