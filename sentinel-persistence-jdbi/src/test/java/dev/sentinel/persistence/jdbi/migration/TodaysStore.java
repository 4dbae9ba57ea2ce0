package dev.sentinel.persistence.jdbi.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * A store as today's release leaves it (schema version 16): the project {@value #PROJECT} with one active pass
 * {@value #PASS_ID} (client {@value #CLIENT_ID}, credential type {@code api_key}, valid 2026-01-01 to 2027-01-01),
 * written with the SQL of that schema, for the upgrade tests of later migrations.
 */
final class TodaysStore {

    static final String VERSION = "16";
    static final String PROJECT = "legacy";
    static final String PASS_ID = "SP-2026-OLD001";
    static final String CLIENT_ID = "spc_AAAAAAAAAAAAAAAAAAAAAAAA";

    private TodaysStore() {
    }

    /** Migrates the empty database at {@code url} to today's schema and writes the project and its pass. */
    static void create(String url, String user, String password) throws SQLException {
        Flyway old = Migrations.configure(Flyway.configure().dataSource(url, user, password)).target(VERSION).load();
        old.migrate();
        try (Connection connection = old.getConfiguration().getDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            String time = "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'";
            statement.execute("INSERT INTO projects (name, display_name, created_at) VALUES ('" + PROJECT + "', NULL, "
                    + time + ")");
            statement.execute("INSERT INTO agent_users (client_id, name, agent_type, description, created_at, updated_at) "
                    + "VALUES ('" + CLIENT_ID + "', 'Old Agent', 'old_agent', NULL, " + time + ", " + time + ")");
            statement.execute("INSERT INTO agent_credentials VALUES ('" + CLIENT_ID + "', 0, '$sha256$"
                    + "ab".repeat(32) + "', " + time + ", NULL)");
            statement.execute("INSERT INTO passes (pass_id, project, client_id, access_level, organization, usage_type, "
                    + "valid_from, valid_until, permissions, scopes, credential_type, visibility, integration_notes, state, "
                    + "created_at, updated_at) VALUES ('" + PASS_ID + "', '" + PROJECT + "', '" + CLIENT_ID + "', "
                    + "'standard', NULL, 'automation_tool', DATE '2026-01-01', DATE '2027-01-01', 'read', '', 'api_key', "
                    + "'privately_visible', NULL, 'active', " + time + ", " + time + ")");
        }
    }
}
