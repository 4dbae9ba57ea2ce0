package dev.sentinel.cli.trustpolicy;

import dev.sentinel.cli.render.Fields;
import dev.sentinel.cli.render.Json;
import dev.sentinel.core.domain.DurationText;
import dev.sentinel.core.domain.federation.ClaimCondition;
import dev.sentinel.core.domain.federation.TrustPolicy;
import dev.sentinel.core.domain.federation.TrustPolicyKeys;
import dev.sentinel.core.fetch.PublicJwks;
import dev.sentinel.core.fetch.SignedJwts;
import dev.sentinel.core.wire.Timestamps;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A trust policy as the management API shows it (snake_case fields), and as lines for people. */
final class TrustPolicyViews {

    private TrustPolicyViews() {
    }

    static Map<String, Object> json(TrustPolicy policy) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", policy.id().value());
        json.put("project", policy.project().value());
        json.put("issuer", policy.issuer());
        if (policy.keys() instanceof TrustPolicyKeys.JwksUri uri) {
            json.put("jwks_uri", uri.uri().toString());
        }
        if (policy.keys() instanceof TrustPolicyKeys.StaticJwks set) {
            json.put("jwks", Json.tree(set.json()));
        }
        json.put("audience", policy.audience());
        Map<String, String> conditions = new LinkedHashMap<>();
        policy.conditions().forEach(condition -> conditions.put(condition.pointer(), condition.pattern()));
        json.put("conditions", conditions);
        json.put("max_token_age", DurationText.format(policy.maxTokenAge()));
        json.put("pass_id", policy.passId().value());
        json.put("description", policy.description().orElse(null));
        json.put("created_at", Timestamps.format(policy.createdAt()));
        return json;
    }

    static void print(PrintWriter out, TrustPolicy policy) {
        out.print(Fields.create()
                .add("Trust policy", policy.id().value())
                .add("Project", policy.project().value())
                .add("Pass", policy.passId().value())
                .add("Issuer", policy.issuer())
                .add("Keys", keys(policy.keys()))
                .add("Audience", policy.audience())
                .add("Conditions", policy.conditions().stream().map(ClaimCondition::toString)
                        .collect(Collectors.joining(", ")))
                .add("Max token age", DurationText.format(policy.maxTokenAge()))
                .add("Description", policy.description().orElse(null))
                .add("Created", policy.createdAt())
                .render());
    }

    static String keys(TrustPolicyKeys keys) {
        if (keys instanceof TrustPolicyKeys.JwksUri uri) {
            return uri.uri().toString();
        }
        if (keys instanceof TrustPolicyKeys.StaticJwks set) {
            return "static set: " + PublicJwks.parse(set.json(), "jwks", SignedJwts.ISSUER_ALGORITHMS).stream()
                    .map(PublicJwks::thumbprint).collect(Collectors.joining(", "));
        }
        return "from the issuer's discovery";
    }
}
