package dev.sentinel.persistence.jdbi.adapter;

import dev.sentinel.core.domain.AccessLevel;
import dev.sentinel.core.domain.AllowedNetworks;
import dev.sentinel.core.domain.Audiences;
import dev.sentinel.core.domain.ClientId;
import dev.sentinel.core.domain.Coded;
import dev.sentinel.core.domain.ConflictException;
import dev.sentinel.core.domain.CredentialType;
import dev.sentinel.core.domain.Pass;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.PassKeys;
import dev.sentinel.core.domain.PassState;
import dev.sentinel.core.domain.Permissions;
import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.ProjectSummary;
import dev.sentinel.core.domain.Scopes;
import dev.sentinel.core.domain.UsageType;
import dev.sentinel.core.domain.ValidityPeriod;
import dev.sentinel.core.domain.Visibility;
import dev.sentinel.core.domain.activity.PassUse;
import dev.sentinel.core.port.out.Passes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Passes in the {@code passes} table; enumerations are stored by their codes. */
final class JdbiPassesAdapter implements Passes {

    static final String COLUMNS = "pass_id, project, client_id, access_level, organization, usage_type, "
            + "valid_from, valid_until, permissions, scopes, credential_type, visibility, integration_notes, allowed_ips, "
            + "state, generation, created_at, updated_at, allowed_audiences, jwks, jwks_uri, accept_token_endpoint_audience";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM passes ";

    private final Handle handle;
    private final Dialect dialect;

    JdbiPassesAdapter(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    /** Adds the pass; a project without a record gets one, created when the pass was (as {@link Passes#add} says). */
    @Override
    public void add(Pass pass) {
        JdbiProjectsAdapter.insertIfAbsent(handle, dialect, dev.sentinel.core.domain.Project.named(pass.project(),
                pass.createdAt()));
        try {
            handle.createUpdate("INSERT INTO passes (" + COLUMNS + ") VALUES (:passId, :project, :clientId, "
                            + ":accessLevel, :organization, :usageType, :validFrom, :validUntil, :permissions, :scopes, "
                            + ":credentialType, :visibility, :notes, :allowedIps, :state, :generation, :createdAt, :updatedAt, "
                            + ":audiences, :jwks, :jwksUri, :acceptTokenEndpointAudience)")
                    .bind("passId", pass.passId().value())
                    .bind("project", pass.project().value())
                    .bind("clientId", pass.clientId().value())
                    .bind("accessLevel", pass.accessLevel().code())
                    .bind("organization", pass.organization().orElse(null))
                    .bind("usageType", pass.usageType().code())
                    .bind("validFrom", pass.validity().validFrom())
                    .bind("validUntil", pass.validity().validUntil())
                    .bind("permissions", pass.permissions().asString())
                    .bind("scopes", pass.scopes().asString())
                    .bind("credentialType", pass.credentialType().code())
                    .bind("visibility", pass.visibility().code())
                    .bind("notes", pass.integrationNotes().orElse(null))
                    .bind("allowedIps", allowedIps(pass))
                    .bind("state", pass.state().code())
                    .bind("generation", pass.generation())
                    .bind("createdAt", Sql.utc(pass.createdAt()))
                    .bind("updatedAt", Sql.utc(pass.updatedAt()))
                    .bind("audiences", pass.allowedAudiences().asString())
                    .bind("jwks", pass.keys().jwks().orElse(null))
                    .bind("jwksUri", pass.keys().jwksUri().map(Object::toString).orElse(null))
                    .bind("acceptTokenEndpointAudience", pass.keys().acceptTokenEndpointAudience())
                    .execute();
        } catch (RuntimeException failure) {
            if (!Sql.isUniqueViolation(failure)) {
                throw failure;
            }
            if (Sql.violates(failure, "passes_client_id_uq")) {
                throw new ConflictException(ClientId.FIELD, "client_id " + pass.clientId() + " already has a pass");
            }
            throw new ConflictException(PassId.FIELD, "pass_id " + pass.passId() + " is taken");
        }
    }

    @Override
    public Optional<Pass> find(PassId passId) {
        return one(SELECT + "WHERE pass_id = :id", passId.value());
    }

    @Override
    public Optional<Pass> findForUpdate(PassId passId) {
        return one(SELECT + "WHERE pass_id = :id FOR UPDATE", passId.value());
    }

    @Override
    public Optional<Pass> findByClientId(ClientId clientId) {
        return one(SELECT + "WHERE client_id = :id", clientId.value());
    }

    @Override
    public List<Pass> listByProject(ProjectId project) {
        return handle.createQuery(SELECT + "WHERE project = :project ORDER BY created_at, pass_id")
                .bind("project", project.value())
                .map(JdbiPassesAdapter::map)
                .list();
    }

    /**
     * One statement: the passes grouped by project, each pass's last activity read from the newest end of the
     * {@code (pass_id, last_at, id)} index of {@code activity_blocks} (one index descent per pass, no scan of the log).
     * Sorted here, not in SQL, so H2 and PostgreSQL (whose collation may fold case) give the same order.
     */
    @Override
    public List<ProjectSummary> projects() {
        return handle.createQuery("SELECT project, COUNT(*) AS passes, MAX(last_at) AS last_activity FROM ("
                        + "SELECT p.project, (SELECT b.last_at FROM activity_blocks b WHERE b.pass_id = p.pass_id "
                        + "ORDER BY b.last_at DESC LIMIT 1) AS last_at FROM passes p) per_pass GROUP BY project")
                .map((row, context) -> new ProjectSummary(new ProjectId(row.getString("project")), row.getLong("passes"),
                        Optional.ofNullable(row.getObject("last_activity", OffsetDateTime.class)).map(OffsetDateTime::toInstant)))
                .list().stream()
                .sorted(Comparator.comparing(summary -> summary.name().value()))
                .toList();
    }

    /**
     * One statement: the project's passes (through {@code passes_project_idx}), each joined with its hourly rollups by
     * the {@code usage_hourly} key's leading {@code pass_id} (one key range per pass, as the Overview reads it), and its
     * last use read from the newest end of the {@code (pass_id, last_at, id)} index of {@code activity_blocks}.
     */
    @Override
    public Map<PassId, PassUse> useByProject(ProjectId project) {
        Map<PassId, PassUse> use = new LinkedHashMap<>();
        handle.createQuery("SELECT t.pass_id, t.total, t.successes, t.latency, "
                        + "(SELECT b.last_at FROM activity_blocks b WHERE b.pass_id = t.pass_id ORDER BY b.last_at DESC LIMIT 1) "
                        + "AS last_used FROM (SELECT p.pass_id, COALESCE(SUM(u.total_count), 0) AS total, "
                        + "COALESCE(SUM(u.success_count), 0) AS successes, COALESCE(SUM(u.latency_sum_ms), 0) AS latency "
                        + "FROM passes p LEFT JOIN usage_hourly u ON u.pass_id = p.pass_id WHERE p.project = :project "
                        + "GROUP BY p.pass_id) t")
                .bind("project", project.value())
                .map((row, context) -> Map.entry(new PassId(row.getString("pass_id")), new PassUse(row.getLong("total"),
                        row.getLong("successes"), row.getLong("latency"),
                        Optional.ofNullable(row.getObject("last_used", OffsetDateTime.class)).map(OffsetDateTime::toInstant))))
                .forEach(entry -> use.put(entry.getKey(), entry.getValue()));
        return use;
    }

    @Override
    public void update(Pass pass) {
        handle.createUpdate("UPDATE passes SET state = :state, generation = :generation, allowed_ips = :allowedIps, "
                        + "jwks = :jwks, jwks_uri = :jwksUri, accept_token_endpoint_audience = :acceptTokenEndpointAudience, "
                        + "updated_at = :updatedAt WHERE pass_id = :passId")
                .bind("jwks", pass.keys().jwks().orElse(null))
                .bind("jwksUri", pass.keys().jwksUri().map(Object::toString).orElse(null))
                .bind("acceptTokenEndpointAudience", pass.keys().acceptTokenEndpointAudience())
                .bind("state", pass.state().code())
                .bind("allowedIps", allowedIps(pass))
                .bind("generation", pass.generation())
                .bind("updatedAt", Sql.utc(pass.updatedAt()))
                .bind("passId", pass.passId().value())
                .execute();
    }

    @Override
    public boolean delete(PassId passId) {
        return handle.createUpdate("DELETE FROM passes WHERE pass_id = :passId")
                .bind("passId", passId.value())
                .execute() > 0;
    }

    /** NULL for any address, so that rows of passes never bound look as they did before version 9. */
    private static String allowedIps(Pass pass) {
        return pass.allowedNetworks().isUnrestricted() ? null : pass.allowedNetworks().asString();
    }

    private Optional<Pass> one(String sql, String id) {
        return handle.createQuery(sql).bind("id", id).map(JdbiPassesAdapter::map).findOne();
    }

    static Pass map(ResultSet row, StatementContext context) throws SQLException {
        return new Pass(new PassId(row.getString("pass_id")), new ProjectId(row.getString("project")),
                new ClientId(row.getString("client_id")), AccessLevel.parse(row.getString("access_level")),
                Sql.optionalString(row, "organization"), UsageType.parse(row.getString("usage_type")),
                new ValidityPeriod(row.getObject("valid_from", LocalDate.class), row.getObject("valid_until", LocalDate.class)),
                Permissions.parse(row.getString("permissions")), Scopes.parse(row.getString("scopes")),
                CredentialType.parse(row.getString("credential_type")), Visibility.parse(row.getString("visibility")),
                Sql.optionalString(row, "integration_notes"), AllowedNetworks.parseList(row.getString("allowed_ips")),
                Coded.parse(PassState.class, "state", row.getString("state")),
                row.getLong("generation"), Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"),
                Audiences.parse(row.getString("allowed_audiences")), keys(row));
    }

    /** The keys of a private_key_jwt pass; none for every other pass (both columns NULL). */
    private static PassKeys keys(ResultSet row) throws SQLException {
        String jwks = row.getString("jwks");
        String jwksUri = row.getString("jwks_uri");
        boolean accept = row.getBoolean("accept_token_endpoint_audience");
        if (jwks != null) {
            return PassKeys.inline(jwks, accept);
        }
        return jwksUri != null ? PassKeys.remote(java.net.URI.create(jwksUri), accept) : PassKeys.none();
    }
}
