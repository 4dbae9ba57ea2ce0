package dev.sentinel.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void withoutAUrlTheEmbeddedDatabaseLivesInTheDataDirectory() {
        DatabaseConfig config = DatabaseConfig.fromOptions(Path.of("/srv/sentinel"), null, null, null, name -> null);

        assertThat(config.isEmbedded()).isTrue();
        assertThat(config.dataDir()).contains(Path.of("/srv/sentinel"));
        assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:/srv/sentinel/sentinel;").contains("AUTO_SERVER=TRUE");
    }

    @Test
    void theDefaultDataDirectoryIsSentinelDataInTheWorkingDirectory() {
        DatabaseConfig config = DatabaseConfig.fromOptions(null, null, null, null, name -> null);

        assertThat(config.dataDir()).contains(Path.of("sentinel-data").toAbsolutePath());
    }

    @Test
    void theEnvironmentFillsWhatTheOptionsLeaveOpen() {
        Map<String, String> environment = Map.of("SENTINEL_DB_URL", "jdbc:postgresql://db:5432/sentinel",
                "SENTINEL_DB_USER", "env-user", "SENTINEL_DB_PASSWORD", "env-secret");

        DatabaseConfig fromEnvironment = DatabaseConfig.fromOptions(null, null, null, null, environment::get);
        DatabaseConfig fromOptions = DatabaseConfig.fromOptions(null, "jdbc:postgresql://other/db", "opt-user", "opt-secret",
                environment::get);

        assertThat(fromEnvironment.isEmbedded()).isFalse();
        assertThat(fromEnvironment.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/sentinel");
        assertThat(fromEnvironment.user()).isEqualTo("env-user");
        assertThat(fromEnvironment.password()).isEqualTo("env-secret");
        assertThat(fromOptions.jdbcUrl()).isEqualTo("jdbc:postgresql://other/db");
        assertThat(fromOptions.user()).isEqualTo("opt-user");
        assertThat(fromOptions.password()).isEqualTo("opt-secret");
    }

    @Test
    void neverShowsThePassword() {
        DatabaseConfig config = DatabaseConfig.postgres("jdbc:postgresql://db/sentinel?password=in-url", "user", "s3cret");

        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("in-url").contains("jdbc:postgresql://db/sentinel");
        assertThat(config.describe()).doesNotContain("in-url");
    }
}
