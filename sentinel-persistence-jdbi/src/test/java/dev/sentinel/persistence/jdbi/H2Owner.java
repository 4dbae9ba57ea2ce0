package dev.sentinel.persistence.jdbi;

import java.nio.file.Path;

/** The owner of a data directory's H2 database, for tests outside its package that open it as the owner. */
public final class H2Owner {

    public static final String USER = EmbeddedH2.OWNER;

    private H2Owner() {
    }

    /** The owner's password, as stored in {@code dataDir}. */
    public static String password(Path dataDir) {
        return H2Credentials.load(dataDir).orElseThrow().ownerPassword();
    }
}
