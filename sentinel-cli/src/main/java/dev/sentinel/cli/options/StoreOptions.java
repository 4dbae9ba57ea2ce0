package dev.sentinel.cli.options;

import dev.sentinel.persistence.jdbi.DatabaseConfig;
import dev.sentinel.persistence.jdbi.JdbiStorage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Where Sentinel keeps its data: an H2 database in {@code --data-dir} by default, or PostgreSQL with
 * {@code --db-url}. Every option also reads a {@code SENTINEL_*} environment variable, so a server and the admin
 * commands beside it share one configuration.
 */
public final class StoreOptions {

    private static final Path DEFAULT_DATA_DIR = Path.of("./sentinel-data");

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:SENTINEL_DATA_DIR:-./sentinel-data}",
            description = "Directory of the embedded H2 database (and key files). Env: SENTINEL_DATA_DIR. "
                    + "Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/sentinel; H2 in --data-dir when "
                    + "absent. Env: SENTINEL_DB_URL.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user. Env: SENTINEL_DB_USER.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
            description = "Database password; give the option without a value to be asked for it. "
                    + "Prefer env SENTINEL_DB_PASSWORD: arguments are visible to other users of the machine.")
    char[] dbPassword;

    /** The data directory (also the home of key files when the database is PostgreSQL). */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Opens the existing store, migrating its schema as needed; the caller closes it.
     *
     * @throws dev.sentinel.core.domain.StorageException naming the place when it holds no store (nothing is created)
     */
    public JdbiStorage open() {
        return JdbiStorage.openExisting(config());
    }

    /** Opens the store, creating it when there is none and migrating its schema as needed; the caller closes it. */
    public JdbiStorage openOrCreate() {
        return JdbiStorage.open(config());
    }

    /** The start of the note that a command made a new store: {@code sentinel: created a new store: WHERE}. */
    public static String createdNote(JdbiStorage storage) {
        return "sentinel: created a new store: " + storage.config().describe();
    }

    /**
     * The options that point another command, run from any directory, at this store, as command-line words:
     * {@code --data-dir} with the data directory's absolute path, or {@code --db-url} for a PostgreSQL URL given as an
     * option that holds no credentials (one from the environment, or with credentials, is not repeated).
     */
    public List<String> sameStoreArguments() {
        String url = dbUrl != null && !dbUrl.isBlank() ? dbUrl.strip() : null;
        String urlFromEnv = System.getenv("SENTINEL_DB_URL");
        if (url != null) {
            boolean credentials = url.contains("@") || url.toLowerCase(Locale.ROOT).contains("password");
            return credentials ? List.of() : List.of("--db-url", url);
        }
        if (urlFromEnv != null && !urlFromEnv.isBlank()) {
            return List.of();
        }
        Path dir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
        return List.of("--data-dir", dir.toAbsolutePath().normalize().toString());
    }

    private DatabaseConfig config() {
        String password = dbPassword == null ? null : new String(dbPassword);
        if (dbPassword != null) {
            Arrays.fill(dbPassword, '\0');
            dbPassword = null;
        }
        return DatabaseConfig.fromOptions(dataDir, dbUrl, dbUser, password);
    }
}
