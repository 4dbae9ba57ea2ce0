package dev.sentinel.cli.pass;

import dev.sentinel.cli.render.Fields;
import dev.sentinel.core.domain.AgentUser;
import dev.sentinel.core.domain.IssuedCredentials;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.SentinelPass;
import dev.sentinel.core.wire.PassJson;
import java.time.Instant;
import java.util.Map;

/** A pass as JSON fields (snake_case, as in the HTTP API) and as lines for people. Never includes secrets. */
final class PassViews {

    private PassViews() {
    }

    /** The pass exactly as the management API shows it. */
    static Map<String, Object> json(SentinelPass sentinelPass, Instant now) {
        return PassJson.pass(sentinelPass, now);
    }

    /** The only place a secret is rendered: right after create or regenerate. */
    static Map<String, Object> credentialsJson(IssuedCredentials credentials) {
        return PassJson.credentials(credentials);
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
                .add("Audiences", pass.allowedAudiences().isEmpty() ? "(the server's default)"
                        : String.join(", ", pass.allowedAudiences().values()))
                .add("Credential type", pass.credentialType().code())
                .add("Visibility", pass.visibility().code())
                .add("Integration notes", pass.integrationNotes().orElse(null))
                .add("Allowed networks", allowedNetworks(pass))
                .add("Created", pass.createdAt())
                .add("Updated", pass.updatedAt());
    }

    /** The networks the pass may be used from, or that any address may use it. */
    static String allowedNetworks(Pass pass) {
        return pass.allowedNetworks().isUnrestricted() ? "any address" : String.join(", ", pass.allowedNetworks().texts());
    }

    /** {@code active}, {@code inactive} or {@code inactive (revoked)}. */
    static String status(Pass pass) {
        String status = pass.state().status();
        return status.equals(pass.state().code()) ? status : status + " (" + pass.state().code() + ")";
    }
}
