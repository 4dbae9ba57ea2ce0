package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.federation.ClaimCondition;
import dev.sentinel.core.domain.federation.TrustPolicy;
import dev.sentinel.core.domain.federation.TrustPolicyId;
import dev.sentinel.core.domain.federation.TrustPolicyKeys;
import dev.sentinel.core.jose.JoseJson;
import dev.sentinel.core.port.out.TrustPolicies;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/** Trust policies in {@code trust_policies}, their conditions as one JSON object of pointer to value or glob. */
final class JdbiTrustPoliciesAdapter implements TrustPolicies {

    private static final String SELECT = "SELECT policy_id, project, issuer, key_source, jwks_uri, jwks, audience, "
            + "conditions, max_token_age_seconds, pass_id, description, created_at FROM trust_policies ";
    private static final String ORDER = " ORDER BY created_at, policy_id";

    private final Handle handle;

    JdbiTrustPoliciesAdapter(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void add(TrustPolicy policy) {
        Sql.insertOrConflict(() -> bind(handle.createUpdate("INSERT INTO trust_policies (policy_id, project, issuer, "
                        + "key_source, jwks_uri, jwks, audience, conditions, max_token_age_seconds, pass_id, description, "
                        + "created_at) VALUES (:id, :project, :issuer, :keySource, :jwksUri, :jwks, :audience, "
                        + ":conditions, :maxAge, :passId, :description, :createdAt)"), policy).execute(),
                "id", "trust policy " + policy.id() + " exists");
    }

    @Override
    public Optional<TrustPolicy> find(TrustPolicyId id) {
        return handle.createQuery(SELECT + "WHERE policy_id = :id").bind("id", id.value())
                .map((row, context) -> policy(row)).findOne();
    }

    @Override
    public List<TrustPolicy> listByProject(ProjectId project) {
        return handle.createQuery(SELECT + "WHERE project = :project" + ORDER).bind("project", project.value())
                .map((row, context) -> policy(row)).list();
    }

    @Override
    public List<TrustPolicy> listByIssuer(String issuer) {
        return handle.createQuery(SELECT + "WHERE issuer = :issuer" + ORDER).bind("issuer", issuer)
                .map((row, context) -> policy(row)).list();
    }

    @Override
    public boolean replace(TrustPolicy policy) {
        return bind(handle.createUpdate("UPDATE trust_policies SET issuer = :issuer, key_source = :keySource, "
                + "jwks_uri = :jwksUri, jwks = :jwks, audience = :audience, conditions = :conditions, "
                + "max_token_age_seconds = :maxAge, pass_id = :passId, description = :description "
                + "WHERE policy_id = :id AND project = :project AND created_at = :createdAt"), policy).execute() > 0;
    }

    @Override
    public boolean delete(TrustPolicyId id) {
        return handle.createUpdate("DELETE FROM trust_policies WHERE policy_id = :id").bind("id", id.value())
                .execute() > 0;
    }

    private static Update bind(Update update, TrustPolicy policy) {
        TrustPolicyKeys keys = policy.keys();
        String source = keys instanceof TrustPolicyKeys.JwksUri ? "jwks_uri"
                : keys instanceof TrustPolicyKeys.StaticJwks ? "jwks" : "discovery";
        Map<String, String> conditions = new LinkedHashMap<>();
        policy.conditions().forEach(condition -> conditions.put(condition.pointer(), condition.pattern()));
        return update.bind("id", policy.id().value()).bind("project", policy.project().value())
                .bind("issuer", policy.issuer()).bind("keySource", source)
                .bind("jwksUri", keys instanceof TrustPolicyKeys.JwksUri uri ? uri.uri().toString() : null)
                .bind("jwks", keys instanceof TrustPolicyKeys.StaticJwks set ? set.json() : null)
                .bind("audience", policy.audience())
                .bind("conditions", new String(JoseJson.write(conditions), StandardCharsets.UTF_8))
                .bind("maxAge", (int) policy.maxTokenAge().getSeconds()).bind("passId", policy.passId().value())
                .bind("description", policy.description().orElse(null))
                .bind("createdAt", Sql.utc(policy.createdAt()));
    }

    private static TrustPolicy policy(ResultSet row) throws SQLException {
        String source = row.getString("key_source");
        TrustPolicyKeys keys = switch (source) {
            case "jwks_uri" -> new TrustPolicyKeys.JwksUri(URI.create(row.getString("jwks_uri")));
            case "jwks" -> new TrustPolicyKeys.StaticJwks(row.getString("jwks"));
            default -> new TrustPolicyKeys.Discovery();
        };
        List<ClaimCondition> conditions = new ArrayList<>();
        JoseJson.readData(row.getString("conditions")).forEach((pointer, pattern) ->
                conditions.add(new ClaimCondition(pointer, String.valueOf(pattern))));
        return new TrustPolicy(new TrustPolicyId(row.getString("policy_id")), new ProjectId(row.getString("project")),
                row.getString("issuer"), keys, row.getString("audience"), conditions,
                Duration.ofSeconds(row.getLong("max_token_age_seconds")), new PassId(row.getString("pass_id")),
                Sql.optionalString(row, "description"), Sql.instant(row, "created_at"));
    }
}
