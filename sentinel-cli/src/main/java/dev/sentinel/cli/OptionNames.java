package dev.sentinel.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** The command-line option that carries each input field, so errors name what the user typed. */
final class OptionNames {

    private static final Map<String, String> BY_FIELD = Map.ofEntries(
            Map.entry("agent_name", "--name"),
            Map.entry("agent_type", "--type"),
            Map.entry("description", "--description"),
            Map.entry("access_level", "--access-level"),
            Map.entry("organization", "--organization"),
            Map.entry("usage_type", "--usage-type"),
            Map.entry("valid_from", "--valid-from"),
            Map.entry("valid_until", "--valid-until"),
            Map.entry("permissions", "--permissions"),
            Map.entry("scopes", "--scopes"),
            Map.entry("integration_notes", "--notes"),
            Map.entry("grace_period", "--grace"),
            Map.entry("hasher", "--hasher"),
            Map.entry("db_url", "--db-url"),
            Map.entry("range", "--range"),
            Map.entry("type", "--type"),
            Map.entry("status", "--status"),
            Map.entry("endpoint", "--endpoint"),
            Map.entry("start_date", "--start-date"),
            Map.entry("end_date", "--end-date"),
            Map.entry("page", "--page"),
            Map.entry("per_page", "--per-page"),
            Map.entry("format", "--format"),
            Map.entry("out", "--out"),
            Map.entry("role", "--role"),
            Map.entry("display_name", "--display-name"),
            Map.entry("password", "--password-file"),
            Map.entry("password_file", "--password-file"),
            Map.entry("name", "--name"),
            Map.entry("expires_at", "--expires-at"),
            Map.entry("projects", "--project"),
            Map.entry("actor", "--actor"),
            Map.entry("action", "--action"),
            Map.entry("set", "--set"),
            Map.entry("remove", "--remove"),
            Map.entry("credential_type", "--credential-type"),
            Map.entry("jwks", "--jwks-file"),
            Map.entry("jwks_uri", "--jwks-uri"),
            Map.entry("accept_token_endpoint_audience", "--accept-token-endpoint-audience"),
            Map.entry("issuer", "--issuer"),
            Map.entry("audience", "--audience"),
            Map.entry("conditions", "--condition"),
            Map.entry("max_token_age", "--max-token-age"));

    /** Fields that different commands take from differently named options, each command's name listed. */
    private static final Map<String, List<String>> BY_FIELD_PER_COMMAND = Map.of(
            "pass_id", List.of("--pass-id", "--pass"),
            "resource", List.of("--resource"),
            "allowed_ips", List.of("--allowed-ips", "--set"),
            "project", List.of("--project"),
            "signing_algorithm", List.of("--signing-algorithm"));

    private OptionNames() {
    }

    /** The option of {@code command} that carries the field: the one of its names that the command has. */
    static Optional<String> forField(String field, CommandSpec command) {
        List<String> candidates = BY_FIELD_PER_COMMAND.get(field);
        if (candidates == null) {
            return Optional.ofNullable(BY_FIELD.get(field));
        }
        return candidates.stream().filter(option -> command == null || command.findOption(option) != null).findFirst();
    }
}
