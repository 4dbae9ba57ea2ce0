package dev.sentinel.core.wire;

import dev.sentinel.core.application.analytics.PassOverview;
import dev.sentinel.core.domain.AgentUser;
import dev.sentinel.core.domain.IssuedCredentials;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.PermissionsView;
import dev.sentinel.core.domain.SentinelPass;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The snake_case JSON shapes of the management API (docs/http-api.md), which the CLI prints too. Never holds a secret except
 * in {@link #credentials}.
 */
public final class PassJson {

    private PassJson() {
    }

    public static Map<String, Object> pass(SentinelPass sentinelPass, Instant now) {
        Pass pass = sentinelPass.pass();
        AgentUser agent = sentinelPass.agent();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pass_id", pass.passId().value());
        json.put("project", pass.project().value());
        json.put("client_id", pass.clientId().value());
        json.put("agent_name", agent.name().value());
        json.put("agent_type", agent.type().value());
        json.put("description", agent.description().orElse(null));
        json.put("status", pass.state().status());
        json.put("state", pass.state().code());
        json.put("revoked", pass.state() == dev.sentinel.core.domain.PassState.REVOKED);
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
        json.put("allowed_ips", pass.allowedNetworks().texts());
        json.put("allowed_audiences", pass.allowedAudiences().values());
        if (pass.credentialType().usesKeys()) {
            keys(json, pass.keys());
        }
        json.put("created_at", Timestamps.format(pass.createdAt()));
        json.put("updated_at", Timestamps.format(pass.updatedAt()));
        return json;
    }

    /** The only place a secret is rendered: right after create or regenerate. */
    /**
     * A pass with its overview figures, as {@code GET /api/v1/passes/{passId}} and {@code sentinel pass show --json}
     * show it: {@code pass} and {@code stats} (total requests, success rate, average latency, last used).
     */
    public static Map<String, Object> overview(PassOverview overview, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pass", pass(overview.pass(), now));
        json.put("stats", stats(overview));
        return json;
    }

    /**
     * A pass as a list shows it ({@code GET /api/v1/projects/{project}/passes}): every field of {@link #pass} and its
     * {@code stats}, as the overview has them.
     */
    public static Map<String, Object> listed(PassOverview overview, Instant now) {
        Map<String, Object> json = pass(overview.pass(), now);
        json.put("stats", stats(overview));
        return json;
    }

    /** The overview figures of a pass: total requests, success rate, average latency and last use. */
    public static Map<String, Object> stats(PassOverview overview) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("total_requests", overview.totalRequests());
        stats.put("success_rate", overview.successRate());
        stats.put("avg_latency_ms", overview.avgLatencyMs());
        stats.put("last_used", Timestamps.formatOrNull(overview.lastUsed()));
        return stats;
    }

    /** The credentials issued: {@code client_id}, and {@code client_secret} unless the pass authenticates with keys. */
    public static Map<String, Object> credentials(IssuedCredentials credentials) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("client_id", credentials.clientId().value());
        credentials.secret().ifPresent(secret -> json.put("client_secret", secret.reveal()));
        return json;
    }

    /**
     * The keys of a {@code private_key_jwt} pass: {@code jwks} (the public keys as stored) or {@code jwks_uri},
     * {@code key_thumbprints} (RFC 7638, SHA-256; empty for keys fetched from {@code jwks_uri}) and
     * {@code accept_token_endpoint_audience}.
     */
    private static void keys(Map<String, Object> json, dev.sentinel.core.domain.PassKeys keys) {
        keys.jwks().ifPresent(jwks -> json.put("jwks", jsonObject(jwks)));
        keys.jwksUri().ifPresent(uri -> json.put("jwks_uri", uri.toString()));
        json.put("key_thumbprints", dev.sentinel.core.application.PassKeySets.thumbprints(keys));
        json.put("accept_token_endpoint_audience", keys.acceptTokenEndpointAudience());
    }

    private static Map<String, Object> jsonObject(String stored) {
        try {
            return com.nimbusds.jose.util.JSONObjectUtils.parse(stored);
        } catch (java.text.ParseException impossible) {
            throw new IllegalStateException("a stored JWK set is no JSON object", impossible);
        }
    }

    /** One permission with its label, in this order every time (Map.of's order changes from one JVM to the next). */
    private static Map<String, Object> permission(Object permission, Object label) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("permission", permission);
        json.put("label", label);
        return json;
    }

    public static Map<String, Object> permissions(SentinelPass sentinelPass, PermissionsView view) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pass_id", sentinelPass.passId().value());
        json.put("permissions", view.breakdown().stream()
                .map(entry -> permission(entry.permission(), entry.label())).toList());
        json.put("access_profile", view.accessProfile().code());
        json.put("access_level", sentinelPass.pass().accessLevel().code());
        json.put("capabilities", view.capabilities());
        json.put("valid_from", view.validity().validFrom().toString());
        json.put("valid_until", view.validity().validUntil().toString());
        json.put("validity_state", view.validityState().code());
        json.put("allowed_ips", sentinelPass.pass().allowedNetworks().texts());
        return json;
    }
}
