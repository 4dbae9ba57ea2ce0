package dev.sentinel.persistence.jdbi;

import dev.sentinel.core.domain.ValidationException;
import dev.sentinel.persistence.jdbi.adapter.Dialect;
import dev.sentinel.persistence.jdbi.adapter.Redaction;
import dev.sentinel.persistence.jdbi.h2.EmbeddedH2;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where Sentinel keeps its data: an embedded H2 file database inside a data directory (the default), or a
 * PostgreSQL server given by a JDBC URL. Immutable and thread-safe; {@link #toString()} never shows the password.
 */
public final class DatabaseConfig {

    /** The data directory used when none is given. */
    public static final Path DEFAULT_DATA_DIR = Path.of("sentinel-data");
    public static final String ENV_URL = "SENTINEL_DB_URL";
    public static final String ENV_USER = "SENTINEL_DB_USER";
    public static final String ENV_PASSWORD = "SENTINEL_DB_PASSWORD";

    private final Dialect dialect;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Optional<Path> dataDir;

    private DatabaseConfig(Dialect dialect, String jdbcUrl, String user, String password, Optional<Path> dataDir) {
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.dataDir = dataDir;
    }

    /**
     * The embedded H2 file database {@code sentinel.mv.db} inside {@code dataDir}, created when missing. Its passwords
     * are generated per install and kept in the data directory, which only the process's OS user may use.
     */
    public static DatabaseConfig h2(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path absolute = dataDir.toAbsolutePath().normalize();
        return new DatabaseConfig(Dialect.H2, EmbeddedH2.url(absolute), EmbeddedH2.OWNER, "", Optional.of(absolute));
    }

    /** A PostgreSQL database, e.g. {@code jdbc:postgresql://db.internal:5432/sentinel}. */
    public static DatabaseConfig postgres(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw ValidationException.of("db_url", "must start with jdbc:postgresql: (got " + Redaction.url(jdbcUrl) + ")");
        }
        return new DatabaseConfig(Dialect.POSTGRES, jdbcUrl, user == null ? "" : user, password == null ? "" : password,
                Optional.empty());
    }

    /**
     * The configuration from command-line style options, each falling back to its environment variable
     * ({@value #ENV_URL}, {@value #ENV_USER}, {@value #ENV_PASSWORD}) when null. Without a URL, the H2 database in
     * {@code dataDir} ({@link #DEFAULT_DATA_DIR} when null).
     */
    public static DatabaseConfig fromOptions(Path dataDir, String dbUrl, String user, String password) {
        return fromOptions(dataDir, dbUrl, user, password, System::getenv);
    }

    static DatabaseConfig fromOptions(Path dataDir, String dbUrl, String user, String password,
                                      UnaryOperator<String> environment) {
        String url = firstNonBlank(dbUrl, environment.apply(ENV_URL));
        if (url == null) {
            return h2(dataDir == null ? DEFAULT_DATA_DIR : dataDir);
        }
        String chosenUser = firstNonBlank(user, environment.apply(ENV_USER));
        String chosenPassword = password != null ? password : environment.apply(ENV_PASSWORD);
        if (url.startsWith("jdbc:h2:")) {
            return new DatabaseConfig(Dialect.H2, url, chosenUser == null ? "sa" : chosenUser,
                    chosenPassword == null ? "" : chosenPassword, Optional.empty());
        }
        return postgres(url, chosenUser, chosenPassword);
    }

    private static String firstNonBlank(String option, String fallback) {
        if (option != null && !option.isBlank()) {
            return option.strip();
        }
        return fallback != null && !fallback.isBlank() ? fallback.strip() : null;
    }

    /** Whether this is the embedded H2 database. */
    public boolean isEmbedded() {
        return dialect == Dialect.H2;
    }

    /** The JDBC URL (may carry connection options; shown to users only through {@link #toString()}). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    /** The data directory of the embedded database, when it is one made by {@link #h2(Path)}. */
    public Optional<Path> dataDir() {
        return dataDir;
    }

    Dialect dialect() {
        return dialect;
    }

    String password() {
        return password;
    }

    /** Where the data lives, for messages and logs: the data directory or the URL without its query string. */
    public String describe() {
        return dataDir.map(dir -> "H2 database in " + dir).orElseGet(() -> Redaction.url(jdbcUrl));
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + describe() + ", user=" + user + "]";
    }
}
