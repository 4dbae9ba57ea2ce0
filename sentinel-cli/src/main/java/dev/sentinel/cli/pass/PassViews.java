package dev.sentinel.cli.pass;

import dev.sentinel.cli.render.Fields;
import dev.sentinel.core.credential.IssuedCredentials;
import dev.sentinel.core.domain.AgentUser;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.SentinelPass;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A pass as JSON fields (snake_case, as in the HTTP API) and as lines for people. Never includes secrets. */
final class PassViews {

    private PassViews() {
    }

    static Map<String, Object> json(SentinelPass sentinelPass, Instant now) {
        AgentUser agent = sentinelPass.agent();
        Pass pass = sentinelPass.pass();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pass_id", pass.passId().value());
        json.put("project", pass.project().value());
        json.put("client_id", pass.clientId().value());
        json.put("agent_name", agent.name().value());
        json.put("agent_type", agent.type().value());
        json.put("description", agent.description().orElse(null));
        json.put("status", pass.state().status());
        json.put("state", pass.state().code());
        json.put("access_level", pass.accessLevel().code());
        json.put("organization", pass.organization().orElse(null));
        json.put("usage_type", pass.usageType().code());
        json.put("valid_from", pass.validity().validFrom().toString());
        json.put("valid_until", pass.validity().validUntil().toString());
        json.put("validity_state", pass.validity().stateAt(now).code());
        json.put("permissions", pass.permissions().asString());
        json.put("scopes", pass.scopes().isEmpty() ? null : pass.scopes().asString());
        json.put("credential_type", pass.credentialType().code());
        json.put("visibility", pass.visibility().code());
        json.put("integration_notes", pass.integrationNotes().orElse(null));
        json.put("created_at", pass.createdAt().toString());
        json.put("updated_at", pass.updatedAt().toString());
        return json;
    }

    /** The only place a secret is rendered: right after create or regenerate. */
    static Map<String, Object> credentialsJson(IssuedCredentials credentials) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("client_id", credentials.clientId().value());
        json.put("client_secret", credentials.clientSecret().reveal());
        return json;
    }

    static Fields fields(SentinelPass sentinelPass, Instant now) {
        AgentUser agent = sentinelPass.agent();
        Pass pass = sentinelPass.pass();
        return Fields.create()
                .add("Pass ID", pass.passId())
                .add("Client ID", pass.clientId())
                .add("Project", pass.project())
                .add("Status", status(pass))
                .add("Agent name", agent.name())
                .add("Agent type", agent.type())
                .add("Description", agent.description().orElse(null))
                .add("Access level", pass.accessLevel().code())
                .add("Organization", pass.organization().orElse(null))
                .add("Usage type", pass.usageType().code())
                .add("Valid", pass.validity().validFrom() + " to " + pass.validity().validUntil()
                        + " (" + pass.validity().stateAt(now).code() + ")")
                .add("Permissions", pass.permissions().asString())
                .add("Scopes", pass.scopes().asString())
                .add("Credential type", pass.credentialType().code())
                .add("Visibility", pass.visibility().code())
                .add("Integration notes", pass.integrationNotes().orElse(null))
                .add("Created", pass.createdAt())
                .add("Updated", pass.updatedAt());
    }

    /** {@code active}, {@code inactive} or {@code inactive (revoked)}. */
    static String status(Pass pass) {
        String status = pass.state().status();
        return status.equals(pass.state().code()) ? status : status + " (" + pass.state().code() + ")";
    }
}
