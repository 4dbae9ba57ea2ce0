package dev.sentinel.persistence.jdbi.h2;

/** How databases were opened before per-install passwords: user {@code sa}, empty password, listener on every interface. */
public final class LegacyH2 {

    public static final String USER = "sa";
    public static final String PASSWORD = "";
    /** The URL options of release 74bd9b5. */
    static final String OPTIONS = ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000";

    private LegacyH2() {
    }

    public static String url(java.nio.file.Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(EmbeddedH2.FILE_NAME) + OPTIONS;
    }
}
