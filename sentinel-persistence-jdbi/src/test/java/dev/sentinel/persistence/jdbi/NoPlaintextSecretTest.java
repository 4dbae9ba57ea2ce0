package dev.sentinel.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sentinel.core.application.CreatedPass;
import dev.sentinel.core.application.PassService;
import dev.sentinel.core.domain.IssuedCredentials;
import dev.sentinel.core.fixtures.TestServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passes created and rotated through the service leave no secret, whole or in part, in any column of any table. */
class NoPlaintextSecretTest {

    @TempDir
    Path dataDir;

    @Test
    void noTableHoldsASecret() throws SQLException {
        try (JdbiStorage storage = JdbiStorage.open(DatabaseConfig.h2(dataDir))) {
            PassService passes = TestServices.passService(storage);
            List<IssuedCredentials> issued = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                CreatedPass created = passes.create(TestServices.aCreateCommand());
                issued.add(created.credentials());
                issued.add(passes.regenerate(created.pass().passId(), Duration.ofHours(1)));
            }

            List<String> cells = everyCell(storage);

            assertThat(cells).as("the scan sees the stored client ids, so it does read the tables")
                    .anySatisfy(cell -> assertThat(cell).contains(issued.get(0).clientId().value()));
            assertThat(cells).anySatisfy(cell -> assertThat(cell).startsWith("$sha256$"));
            for (IssuedCredentials credentials : issued) {
                String secret = credentials.clientSecret().reveal();
                String body = secret.substring("sps_".length(), secret.length() - 6);
                assertThat(cells).noneSatisfy(cell -> assertThat(cell).contains(body));
                assertThat(cells).noneSatisfy(cell -> assertThat(cell).contains(secret.substring(0, 20)));
            }
        }
    }

    private static List<String> everyCell(JdbiStorage storage) throws SQLException {
        List<String> cells = new ArrayList<>();
        try (Connection connection = storage.jdbi().open().getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet found = metadata.getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                while (found.next()) {
                    tables.add(found.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).hasSizeGreaterThanOrEqualTo(TestDatabases.TABLES.size());
            for (String table : tables) {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            String value = rows.getString(column);
                            if (value != null) {
                                cells.add(value);
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }
}
